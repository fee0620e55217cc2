from tests.certificates.conftest import course, template  # noqa: F401 (fixtures shared)
