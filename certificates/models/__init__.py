"""The certificates app's models: single certificates and what they are made from
(certificates.py), and the bulk requests that issue many at once (batches.py)."""

from .batches import CertificateBatch, CertificateBatchQuerySet, batch_zip_path
from .certificates import (
    CODE_BYTES,
    DEFAULT_BODY,
    TRAINING_DATE_MAX_YEARS,
    Certificate,
    CertificateQuerySet,
    CertificateTemplate,
    SerialCounter,
    earliest_training_date,
    new_code,
    pdf_path,
    training_date_error,
)

__all__ = [
    "CODE_BYTES",
    "DEFAULT_BODY",
    "TRAINING_DATE_MAX_YEARS",
    "Certificate",
    "CertificateBatch",
    "CertificateBatchQuerySet",
    "CertificateQuerySet",
    "CertificateTemplate",
    "SerialCounter",
    "batch_zip_path",
    "earliest_training_date",
    "new_code",
    "pdf_path",
    "training_date_error",
]
