"""Settings shared by every environment. dev, test and production import from here."""

import os
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "deputies",
    "materials",
    "courses",
    "quizzes",
    "certificates",
    "proposals",
    "studysessions",
    "deliberation",
    "receptions",
    "inspections",
    "notifications",
    "reports",
    "audit",
    "training_site",
    "backup",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "deputies.apps.DeputiesUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "polymorphic",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's search index needs it on PostgreSQL; on SQLite it stays idle.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, but a request that comes with a session already gone keeps the cookie (why: there).
    "common.sessions.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Tells the audit log who is acting, for changes made where no one says (Wagtail's admin).
    "audit.services.AuditActorMiddleware",
    "training_site.security.SitePolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "deputies.middleware.PasswordChangeRequiredMiddleware",
    "deputies.middleware.FormerDeputyMiddleware",
    # Turns django-ratelimit's refusal into RATELIMIT_VIEW's 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by authenticate() into a response.
    "axes.middleware.AxesMiddleware",
]

# Content security policy (training_site/security.py): the site's pages load only its own
# scripts, styles, images, fonts and manifest, run no inline script or style, and may not be
# framed; images may also be data: URLs (QR codes). The content admin gets a looser policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "training_site.urls"
WSGI_APPLICATION = "training_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "training_site.context_processors.display",
                "training_site.context_processors.navigation",
            ],
        },
    },
]
# What the context processors above give a page that differs between readers, besides its
# address and language, as functions of the request returning a short text. A page rendered
# once for many readers (courses.lessonpage) is kept under them: a processor giving something
# that differs between readers must be named here. (`request` gives the address; `auth` the
# user, of whom pages show only what menu_key holds; `messages` fills a slot of its own.)
PAGE_VARIES_WITH = [
    "training_site.context_processors.display_key",
    "training_site.context_processors.menu_key",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        # WAL lets readers go on while one request writes; IMMEDIATE takes the write lock at the
        # start of a transaction, so two writers queue instead of failing with "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "deputies.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out number or address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # Not like the account's own mobile number, name or e-mail (Django's default list names
        # fields this user model does not have).
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("mobile", "name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in rate limit (django-axes): after AXES_FAILURE_LIMIT failed attempts, the mobile number
# is locked, and so is the address, each on its own, for AXES_COOLOFF_TIME hours.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "deputies.views.auth.locked_out"
AXES_VERBOSE = False

# 学时: a course's lessons count one credit hour per this many minutes, as cadre e-learning does.
MINUTES_PER_CREDIT_HOUR = 45

# A one-time sign-in link works once and for this long.
SIGNIN_LINK_MAX_AGE_MINUTES = 60 * 24

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A roster upload larger than this is refused before it is read.
ROSTER_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = ROSTER_MAX_UPLOAD_BYTES + 1024 * 1024
# An inspection's photo: larger than this is refused before it is read (a phone's camera makes
# 2 to 6 MB); what is kept is made smaller (inspections.photos).
INSPECTION_PHOTO_MAX_BYTES = 12 * 1024 * 1024
# The longest side of a photo as kept, in pixels: enough to read a sign, small on a phone.
INSPECTION_PHOTO_MAX_SIDE = 1600

WAGTAIL_SITE_NAME = _("Deputy training")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt", "mp3", "mp4"]

# Background work (certificate PDFs) waits in a queue in the database and is run by
# `manage.py db_worker` (`make run` starts one). Tests run tasks at once (settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Certificates: the public address printed in their QR codes (Wagtail's base URL if empty),
# and the font file if fontconfig cannot find AR PL UKai (fonts-arphic-ukai).
CERTIFICATES_BASE_URL = os.environ.get("CERTIFICATES_BASE_URL", "")
CERTIFICATE_FONT_PATH = os.environ.get("CERTIFICATE_FONT_PATH", "")
# A deputy's home page reminds them of a certificate this many days before it expires.
CERTIFICATE_REMINDER_DAYS = 30
# A bulk batch's ZIP is deleted this many days after it was made (its certificates stay).
CERTIFICATE_BATCH_KEEP_DAYS = 7
# A batch's rendering is split into this many parts, each a task any worker may take: set it to
# the number of `db_worker` processes (more parts than workers gains nothing).
CERTIFICATE_BATCH_PARTS = int(os.environ.get("CERTIFICATE_BATCH_PARTS", "2"))
# Spreadsheet exports: up to this many rows one is sent at once, beyond it the worker builds it;
# a background export's file is deleted this many days after it is made.
REPORTS_INLINE_EXPORT_ROWS = 3000
REPORTS_EXPORT_KEEP_DAYS = 7
# The public verification page, per client address (django-ratelimit): enough for a clerk
# checking a stack of certificates, far too few to walk through codes.
VERIFY_RATE = "60/m"
VERIFY_UPLOAD_RATE = "10/m"
# The client's address for rate limits: the one django-axes reads (see production.py).
RATELIMIT_IP_META_KEY = "training_site.ratelimits.client_ip"
RATELIMIT_VIEW = "training_site.views.too_many_requests"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# Honest reading time: a lesson counts as read after this share of its estimated minutes on
# screen (and its end reached); one report from the browser credits at most this many seconds.
LESSON_READING_SHARE = 0.6
LESSON_MAX_REPORT_SECONDS = 300

# Quizzes. A saved answer or a submission may arrive this long after the deadline (a phone's
# request in flight when time runs out) and still count; later ones are refused.
QUIZ_DEADLINE_GRACE_SECONDS = 5
# The wrong-answer book: a question leaves it once answered right on this many separate days,
# re-asked after these many days at each step.
PRACTICE_MASTERY_DAYS = 2
PRACTICE_INTERVALS_DAYS = [1, 3]
# Questions in the short daily practice.
DAILY_PRACTICE_SIZE = 5

# Voters' personal data in the reception register (receptions): a matter closed (or not accepted)
# longer ago than this many days loses the voter's name and mobile (manage.py
# forget_voters, run daily). Personal Information Protection Law art. 19: the shortest time.
RECEPTIONS_VOTER_DATA_DAYS = int(os.environ.get("RECEPTIONS_VOTER_DATA_DAYS", "365"))
# Deputies' submitted suggestions: when the deputy is not satisfied with the reply, the unit
# replies again within the time the province's rules set. Zhejiang's implementing measures of
# the Deputy Law (第四十三条) give one month: the default. A province that counts days sets
# RECEPTIONS_REHANDLING_DAYS (it wins over the months when above 0).
RECEPTIONS_REHANDLING_MONTHS = int(os.environ.get("RECEPTIONS_REHANDLING_MONTHS", "1"))
RECEPTIONS_REHANDLING_DAYS = int(os.environ.get("RECEPTIONS_REHANDLING_DAYS", "0"))

# Notifications: each one is also e-mailed to its user if they have an address (deputies sign
# in by mobile number, so mostly staff), by the background worker. On where a mail server is
# configured (EMAIL_HOST, which production.py reads); NOTIFICATIONS_EMAIL=true/false decides.
NOTIFICATIONS_EMAIL = os.environ.get(
    "NOTIFICATIONS_EMAIL", "true" if os.environ.get("EMAIL_HOST") else "false"
).strip().lower() in {"1", "true", "yes", "on"}
