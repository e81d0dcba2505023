"""Settings for every environment; production differs only by environment variables.

With nothing set the app runs for a local trial: a SQLite file next to
manage.py, Celery tasks run eagerly in the web process, e-mail goes to the
console and DEBUG is on for 127.0.0.1. See docs/operations.md for every
variable.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env.boolean("DEBUG", True)

SECRET_KEY = env.string("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only for a local trial: DEBUG is on and the key is public.
    SECRET_KEY = "insecure-local-trial-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.string_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (comma separated)")
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "axes",
    "csp",
    "common",
    "accounts",
    "partnerships",
    "internships",
    "councils",
    "groups",
    "practice",
    "campus",
    "records",
    "contracts",
    "allocation",
    "notifications",
    "reports",
    "audit",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "axes.middleware.AxesMiddleware",
    "audit.context.AuditMiddleware",
    "practice.middleware.PasswordChangeRequiredMiddleware",
    "common.middleware.StoredFileMissingMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.role",
                "common.context_processors.navigation",
                "notifications.context_processors.unread_count",
                "campus.context_processors.sso_links",
            ],
        },
    },
]
# Django's form renderer, drawing <select> in Python (common/forms.py).
FORM_RENDERER = "common.forms.FormRenderer"

# Database: a SQLite file when DATABASE_URL is unset (the embedded default for a
# local trial, as healthchecks does), otherwise postgres:// or sqlite:// URLs.
_database_url = env.url("DATABASE_URL", schemes=("postgres", "postgresql", "pgsql", "sqlite"))
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from exc
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.integer(
        "DATABASE_CONNECT_TIMEOUT", 5, minimum=1
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django JSON without the cut of times to milliseconds, and the backup's variant of
# it (many-to-many links as rows of their own).
SERIALIZATION_MODULES = {"exactjson": "common.exact_json", "backupjson": "common.backup_json"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user or address is refused before the
    # password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The college's LDAP directory, when LDAP_SERVER_URL is set (campus/ldap.py).
    "campus.ldap.LdapBackend",
    "accounts.backends.RolePermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Brute-force protection: lock a user at one address after repeated failures.
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env.integer("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_IPWARE_PROXY_COUNT = env.integer("PROXY_COUNT", 0, minimum=0) or None

LANGUAGE_CODE = env.string("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.string("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.string("MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploaded files stay on the local disk by default; MEDIA_STORAGE=s3 puts them in
# an S3-compatible bucket (django-storages) so several web machines share them.
_media_storage = env.string("MEDIA_STORAGE", "filesystem")
if _media_storage == "filesystem":
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif _media_storage == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.string("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.string("AWS_S3_ENDPOINT_URL") or None,
            "access_key": env.string("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env.string("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env.string("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not _default_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE={_media_storage!r}: use 'filesystem' or 's3'")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DOCUMENT_MAX_BYTES = env.integer("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Spreadsheet imports (common/spreadsheet.py): a file beyond any of these is
# refused before its rows are parsed, so a hostile sheet cannot hold a worker.
IMPORT_MAX_BYTES = env.integer("IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
IMPORT_MAX_ROWS = env.integer("IMPORT_MAX_ROWS", 20_000, minimum=1)
IMPORT_MAX_COLUMNS = env.integer("IMPORT_MAX_COLUMNS", 50, minimum=1)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.integer(
    "IMPORT_MAX_UNCOMPRESSED_BYTES", 20 * 1024 * 1024, minimum=1024
)
# Finished report files are kept this many days, then a daily task removes them.
REPORT_RETENTION_DAYS = env.integer("REPORT_RETENTION_DAYS", 30, minimum=1)
# A report still queued after this long (the broker was down) is queued again.
REPORT_REQUEUE_SECONDS = env.integer("REPORT_REQUEUE_SECONDS", 300, minimum=30)
# A report whose worker died this many times while producing it is marked failed.
REPORT_MAX_ATTEMPTS = env.integer("REPORT_MAX_ATTEMPTS", 3, minimum=1)
# The college's code (学校代码) written into the 产学合作 table of the status data.
FILING_COLLEGE_CODE = env.string("FILING_COLLEGE_CODE", "").strip()

# Cache and sessions: local memory by default, Redis when REDIS_URL is set so
# that several web processes share throttles, lockouts and sessions.
REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.integer("SESSION_IDLE_MINUTES", 120, minimum=5) * 60
# The age above is idle time, not a fixed lifetime: a signed-in request pushes
# the expiry forward, writing the session at most once a minute
# (accounts.middleware.SessionRefreshMiddleware) rather than on every page.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60

# Celery: eager in-process tasks when no broker is configured.
CELERY_BROKER_URL = env.url("CELERY_BROKER_URL", schemes=("redis", "rediss", "amqp", "memory"))
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task is stopped after this many seconds (the soft limit, a little earlier,
# lets it record why). A report claimed longer ago than this has lost its worker.
CELERY_TASK_TIME_LIMIT = env.integer("CELERY_TASK_TIME_LIMIT", 15 * 60, minimum=5)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - max(1, min(60, CELERY_TASK_TIME_LIMIT // 15))
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Publishing to a broker that is down fails fast instead of hanging the request;
# the rows that record the work (reports, deliveries) let it be queued again.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

# Reminders: a worker sending an e-mail holds it this long before another
# may try; the 15-minute sweep queues again e-mails still unsent after the
# second number (lost broker messages, a crash between commit and queueing).
REMINDER_EMAIL_LEASE_SECONDS = env.integer("REMINDER_EMAIL_LEASE_SECONDS", 300, minimum=1)
REMINDER_EMAIL_REQUEUE_SECONDS = env.integer("REMINDER_EMAIL_REQUEUE_SECONDS", 900, minimum=0)
# The address links in e-mails point to.
SITE_URL = env.string("SITE_URL", "http://127.0.0.1:8000")

# E-mail: console unless an SMTP host is configured.
EMAIL_HOST = env.string("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.integer("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env.string("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env.boolean("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "partnerships@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. nosniff and X-Frame-Options DENY are Django's defaults; the
# HTTPS settings switch on with DEBUG off and can be relaxed behind a proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.boolean("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env.boolean("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
if env.boolean("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: every asset is served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Internship policy: the national Vocational School Student Internship
# Management Regulations (2021). A province with stricter rules tightens these.
INTERNSHIP_MIN_AGE = env.integer("INTERNSHIP_MIN_AGE", 16, minimum=0)
INTERNSHIP_FIRST_YEAR_RULE = env.boolean("INTERNSHIP_FIRST_YEAR_RULE", True)
INTERNSHIP_ENTERPRISE_SHARE = env.decimal_share("INTERNSHIP_ENTERPRISE_SHARE", 0.10)
INTERNSHIP_POST_SHARE = env.decimal_share("INTERNSHIP_POST_SHARE", 0.20)
INTERNSHIP_PAY_SHARE = env.decimal_share("INTERNSHIP_PAY_SHARE", 0.80)
INTERNSHIP_MAX_DAILY_HOURS = env.integer("INTERNSHIP_MAX_DAILY_HOURS", 8, minimum=1)
INTERNSHIP_NIGHT_SHIFT_RULE = env.boolean("INTERNSHIP_NIGHT_SHIFT_RULE", True)
INTERNSHIP_ADULT_AGE = env.integer("INTERNSHIP_ADULT_AGE", 18, minimum=0)
INTERNSHIP_LONG_POST_MONTHS = env.integer("INTERNSHIP_LONG_POST_MONTHS", 6, minimum=1)
# Compliance beyond the core rules (2021 regulation; docs/rules.md cites the articles).
INTERNSHIP_VETTING_RULE = env.boolean("INTERNSHIP_VETTING_RULE", True)
INTERNSHIP_VETTING_MONTHS = env.integer("INTERNSHIP_VETTING_MONTHS", 12, minimum=1)
INTERNSHIP_VETTING_REMINDER_DAYS = env.integer("INTERNSHIP_VETTING_REMINDER_DAYS", 30, minimum=1)
INTERNSHIP_MAX_INTENSITY_GRADE = env.integer("INTERNSHIP_MAX_INTENSITY_GRADE", 2, minimum=1)
INTERNSHIP_MAX_WEEKLY_HOURS = env.integer("INTERNSHIP_MAX_WEEKLY_HOURS", 44, minimum=1)
INTERNSHIP_MAJOR_RULE = env.boolean("INTERNSHIP_MAJOR_RULE", True)
INTERNSHIP_PAY_REMINDER_DAY = env.integer("INTERNSHIP_PAY_REMINDER_DAY", 10, minimum=1)
# Weights of the enterprise's and the school's evaluation in the final grade.
INTERNSHIP_GRADE_WEIGHTS = {
    "enterprise": env.integer("INTERNSHIP_GRADE_WEIGHT_ENTERPRISE", 50, minimum=0),
    "school": env.integer("INTERNSHIP_GRADE_WEIGHT_SCHOOL", 50, minimum=0),
}
if not sum(INTERNSHIP_GRADE_WEIGHTS.values()):
    raise ImproperlyConfigured("INTERNSHIP_GRADE_WEIGHT_* must not both be 0")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so a request without credentials gets 401 with a
        # WWW-Authenticate header rather than 403.
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.permissions.RolePolicy"],
    "DEFAULT_PAGINATION_CLASS": "common.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "common.api.SafeOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "common.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "common.schema.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auth": env.string("AUTH_THROTTLE_RATE", "20/min"),
        "reports": env.string("REPORT_THROTTLE_RATE", "10/hour"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DATE_INPUT_FORMATS": ["iso-8601"],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "School-enterprise partnerships API",
    "DESCRIPTION": (
        "Cooperation agreements, councils, vocational education groups and "
        "internships of a vocational college."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReportKindEnum": "reports.models.Report.Kind",
        "ReportFormatEnum": "reports.models.Report.Format",
        "ReportStatusEnum": "reports.models.Report.Status",
        # Several resources have a "role" field with different choices.
        "UserRoleEnum": "accounts.access.Role",
        "CommitteeMemberRoleEnum": "councils.models.Membership.Role",
        "GroupMemberRoleEnum": "groups.models.GroupMember.Role",
        # ... and a "kind" field.
        "AgreementEventKindEnum": "partnerships.models.AgreementEvent.Kind",
        "AgreementDocumentKindEnum": "partnerships.models.AgreementDocument.Kind",
        "CommitteeKindEnum": "councils.models.Committee.Kind",
        "MeetingKindEnum": "councils.models.Meeting.Kind",
        "PositionKindEnum": "internships.models.Position.Kind",
        "PlacementLogKindEnum": "internships.models.PlacementLog.Kind",
        "GroupMemberKindEnum": "groups.models.GroupMember.Kind",
        "SharedResourceKindEnum": "groups.models.SharedResource.Kind",
        "JournalKindEnum": "practice.models.Journal.Kind",
        "ReviewStatusEnum": "practice.models.ReviewStatus",
    },
}

# How long the first answer to an API create sent with an Idempotency-Key is
# kept for replays (common/idempotency.py); the daily roll forgets older keys.
IDEMPOTENCY_KEY_HOURS = env.integer("IDEMPOTENCY_KEY_HOURS", 24, minimum=1)

# Every change to these models is kept in the audit trail (audit/recorder.py).
AUDITED_MODELS = [
    "partnerships.Enterprise",
    "partnerships.EnterpriseContact",
    "partnerships.CooperationAgreement",
    "partnerships.AnnualReview",
    "councils.Membership",
    "councils.Meeting",
    "internships.Placement",
    "internships.Attendance",
    "internships.PlacementLog",
    "internships.Evaluation",
    "partnerships.EnterpriseVetting",
    "internships.InsurancePolicy",
    "internships.PayRecord",
    "internships.RuleOverride",
    "practice.CheckIn",
    "practice.Journal",
    "practice.InternshipReport",
    "practice.Grade",
    "records.Teacher",
    "records.TeacherPractice",
    "records.PartTimeTeacher",
    "records.OrderClass",
    "records.TrainingBase",
    "records.TrainingBaseYear",
    "records.CourseDevelopment",
    "records.ServiceContract",
    "records.EmployeeTraining",
    "records.EnterpriseVisit",
    "records.Employment",
    "records.EnterpriseCertification",
    "records.Certificate",
    "records.CertificatePass",
    "allocation.AllocationRound",
    "allocation.Application",
    "allocation.Adjustment",
    "allocation.SelfFoundInternship",
    "records.FigureCorrection",
    "contracts.DocumentTemplate",
    "contracts.InternshipAgreement",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# The internship as it happens (practice/): a check-in whose accuracy is worse
# than this many metres is refused; check-in coordinates are erased this many
# days after the placement ends; an internship report file is at most this big;
# the missed check-in reminder goes out from this hour of a workday.
PRACTICE_MAX_ACCURACY_M = env.integer("PRACTICE_MAX_ACCURACY_M", 1000, minimum=10)
PRACTICE_LOCATION_RETENTION_DAYS = env.integer("PRACTICE_LOCATION_RETENTION_DAYS", 180, minimum=0)
PRACTICE_REPORT_MAX_BYTES = env.integer("PRACTICE_REPORT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
PRACTICE_CHECKIN_REMINDER_HOUR = env.integer("PRACTICE_CHECKIN_REMINDER_HOUR", 18, minimum=0)

# Workdays (common/workdays.py): dates for a year the official holiday calendar
# does not know yet, as ISO dates separated by commas.
WORKDAYS_EXTRA_HOLIDAYS = env.string_list("WORKDAYS_EXTRA_HOLIDAYS", [])
WORKDAYS_EXTRA_WORKDAYS = env.string_list("WORKDAYS_EXTRA_WORKDAYS", [])
for _name in ("WORKDAYS_EXTRA_HOLIDAYS", "WORKDAYS_EXTRA_WORKDAYS"):
    for _day in globals()[_name]:
        try:
            datetime.date.fromisoformat(_day)
        except ValueError:
            raise ImproperlyConfigured(f"{_name}: {_day!r} is not a date (YYYY-MM-DD)") from None

# Campus integration: single sign-on and messaging channels (campus/).
from config.settings.campus import *  # noqa: E402, F403

# Internship agreements (contracts/): the college's name on the documents, the
# seal's PKCS#12 certificate and passphrase (no certificate: archived unsealed),
# the PEM roots a seal is verified against, the largest paper scan, and after
# how many days a party that has not signed is reminded.
CONTRACTS_COLLEGE_NAME = env.string("CONTRACTS_COLLEGE_NAME", "职业技术学院")
CONTRACTS_SEAL_PKCS12 = env.string("CONTRACTS_SEAL_PKCS12", "")
CONTRACTS_SEAL_PASSPHRASE = env.string("CONTRACTS_SEAL_PASSPHRASE", "")
CONTRACTS_SEAL_TRUST_ROOTS = env.string_list("CONTRACTS_SEAL_TRUST_ROOTS", [])
CONTRACTS_SCAN_MAX_BYTES = env.integer("CONTRACTS_SCAN_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
CONTRACTS_SIGNATURE_REMINDER_DAYS = env.integer("CONTRACTS_SIGNATURE_REMINDER_DAYS", 3, minimum=1)
