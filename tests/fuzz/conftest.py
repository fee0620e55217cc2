# The certificate fixtures, for posting files to a certificate's verification page.
from tests.certificates.conftest import certificate, course, template  # noqa: F401
