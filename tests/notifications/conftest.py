import pytest

from deputies.factories import UserFactory


@pytest.fixture
def staff_with_email(db):
    """Staff have e-mail addresses more often than deputies, who sign in by mobile number."""
    return UserFactory(name="站务员", mobile="13700000011", email="zhanwu@example.gov.cn")


@pytest.fixture
def mail_on(settings):
    settings.NOTIFICATIONS_EMAIL = True
    settings.WAGTAILADMIN_BASE_URL = "https://daibiao.example.gov.cn"
    return settings


@pytest.fixture
def mail_off(settings):
    settings.NOTIFICATIONS_EMAIL = False
    return settings
