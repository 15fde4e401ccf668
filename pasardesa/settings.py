"""Settings for Pasar Desa, read from the environment (twelve-factor).

The embedded default needs no environment at all: SQLite under ``var/``, a
secret key generated once into ``var/secret_key``, media on local disk.
Production sets ``DATABASE_URL`` (PostgreSQL), ``SECRET_KEY``, ``ALLOWED_HOSTS``
and ``PASARDESA_DEBUG=0``.
"""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PASARDESA_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # The embedded default keeps one random key per installation, so sessions
    # survive restarts without anybody having to configure a secret.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("PASARDESA_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "pasardesa.core",
    "pasardesa.accounts",
    "pasardesa.regions",
    "pasardesa.stores",
    "pasardesa.sellers",
    "pasardesa.catalog",
    "pasardesa.orders",
    "pasardesa.payments",
    "pasardesa.market",
    "pasardesa.kelola",
    "pasardesa.demo",
]

MIDDLEWARE = [
    "pasardesa.core.middleware.TrustedProxySchemeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pasardesa.core.middleware.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pasardesa.urls"
WSGI_APPLICATION = "pasardesa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pasardesa.core.context_processors.site",
                "pasardesa.orders.context_processors.cart",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pasardesa.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the
        # write lock at BEGIN so two writers queue instead of failing mid-way.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Shared by every app server process (login rate limits live here), so never
# process-local memory: Redis when configured, else a table in the database.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        if (url := os.environ.get("REDIS_URL"))
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache"}
    )
}

AUTHENTICATION_BACKENDS = ["pasardesa.accounts.backends.PhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "kelola:home"
# Reset links made by a village operator are valid for one day.
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("Inggris"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Stored in UTC; a seller's opening hours are read in the time zone of their
# province (WIB, WITA or WIT), see pasardesa.regions.timezones.
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start without it
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The embedded default serves uploaded images itself (with long cache headers);
# behind nginx or object storage this is switched off.
SERVE_MEDIA = env_bool("PASARDESA_SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000

# Uploads: a phone photo is up to 10 MB; anything bigger is refused before it
# reaches Pillow (see pasardesa.core.images).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("PASARDESA_HTTPS", False):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading is hard to undo (browsers ship the list for months): only on request.
    SECURE_HSTS_PRELOAD = env_bool("PASARDESA_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy nags about preload; leaving it off is a decision, not a slip.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
# (addresses or networks, comma separated); see pasardesa.core.proxies. Django's
# SECURE_PROXY_SSL_HEADER is left unset: it would believe the header from anybody.
# A typo fails the start instead of silently trusting nobody or everybody.
TRUSTED_PROXIES = env_list("PASARDESA_TRUSTED_PROXIES", "")
for _entry in TRUSTED_PROXIES:
    ipaddress.ip_network(_entry, strict=False)

# A payment gateway's shared secret for its signed notifications
# (pasardesa.payments.gateway); empty: no gateway, people confirm payments.
PAYMENT_WEBHOOK_SECRET = os.environ.get("PASARDESA_PAYMENT_WEBHOOK_SECRET", "")

# Absolute links (Open Graph images, WhatsApp messages) are built from the
# request; SITE_URL overrides it when the site sits behind a proxy.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Pasar Desa")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Page size of product lists. Kept small so a list page stays in one TCP round trip.
CATALOG_PAGE_SIZE = 20

# Checkouts one buyer WhatsApp number and one client address may place in an
# hour: a placed order holds stock until the seller answers, so without a limit
# one person could empty every shelf of a market (see README, "Decisions").
CHECKOUTS_PER_PHONE_PER_HOUR = int(os.environ.get("CHECKOUTS_PER_PHONE_PER_HOUR", "5"))
CHECKOUTS_PER_IP_PER_HOUR = int(os.environ.get("CHECKOUTS_PER_IP_PER_HOUR", "10"))
