"""
Settings for Newsroom.

Everything that differs between a laptop and production comes from the
environment (see the settings table in README.md). The defaults make a fresh
checkout run on SQLite with no other services; production must say what it
wants, and refuses to start without a secret key.
"""

from pathlib import Path

import environ
from django.conf import global_settings as _global_settings
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is a convenience for development; the real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or DEBUG=1 for local development only)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105 # nosec B105 # DEBUG only

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "authors",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages are answered here, before sessions, auth and CSRF (articles/cache.py).
    "articles.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# Database: SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the scheduler write to the same file: WAL lets
    # readers carry on during a write, IMMEDIATE transactions take the write
    # lock up front instead of failing half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://newsroom")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The language the site publishes in: the pages' lang, feeds, the news sitemap
# and the admin's language.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en-gb").lower()
if LANGUAGE_CODE not in {code for code, _name in _global_settings.LANGUAGES}:
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE {LANGUAGE_CODE!r} is not a language Django knows: use a code from Django's LANGUAGES "
        "setting, such as en-gb, en-us, hi, ta, bn or mr."
    )
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Kolkata")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed file names so browsers and CDNs can cache forever.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Newsroom's own settings.
NEWSROOM_SITE_NAME = env.str("SITE_NAME", default="Newsroom")
NEWSROOM_SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Where the admin lives. Moving it off the well-known path keeps drive-by
# password guessing away; it must end with a slash.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="newsroom")

# Editorial workflow (articles/admin/, articles/preview.py, articles/uploads.py).
# How long a signed preview share link works, in seconds (default two days).
PREVIEW_LINK_MAX_AGE = env.int("PREVIEW_LINK_MAX_AGE", default=2 * 24 * 3600)
# Lead image uploads: largest file, largest side and most pixels accepted.
LEAD_IMAGE_MAX_BYTES = env.int("LEAD_IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
LEAD_IMAGE_MAX_SIDE = env.int("LEAD_IMAGE_MAX_SIDE", default=8000)
LEAD_IMAGE_MAX_PIXELS = env.int("LEAD_IMAGE_MAX_PIXELS", default=40_000_000)
# --- Public site (site branch) ----------------------------------------------
INSTALLED_APPS += ["django.contrib.sitemaps", "sorl.thumbnail"]
# Advertisement slots go after these paragraph counts in a story body.
NEWSROOM_AD_SLOTS_AFTER = env.list("AD_SLOTS_AFTER", cast=int, default=[3, 8])
# A story shows this many READ links and related stories; automatic ones fill the gap.
NEWSROOM_RELATED_COUNT = env.int("RELATED_COUNT", default=3)
# Whole-page cache (seconds; 0 turns it off), browser max-age and CDN s-maxage.
NEWSROOM_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# Each app process answers its most recent cached pages from its own memory,
# trusting the shared generation it read at most this many seconds ago.
NEWSROOM_PAGE_CACHE_LOCAL_PAGES = env.int("PAGE_CACHE_LOCAL_PAGES", default=200)
NEWSROOM_PAGE_CACHE_GENERATION_SECONDS = env.float("PAGE_CACHE_GENERATION_SECONDS", default=1.0)
NEWSROOM_BROWSER_MAX_AGE = env.int("BROWSER_MAX_AGE", default=60)
NEWSROOM_CDN_MAX_AGE = env.int("CDN_MAX_AGE", default=300)
# Optional CDN purge (articles/cdn.py): POST {"<field>": [absolute URLs]} here when a story changes.
CDN_PURGE_URL = env.str("CDN_PURGE_URL", default="")
CDN_PURGE_TOKEN = env.str("CDN_PURGE_TOKEN", default="")
CDN_PURGE_FIELD = env.str("CDN_PURGE_FIELD", default="urls")
CDN_PURGE_TIMEOUT = env.float("CDN_PURGE_TIMEOUT", default=3.0)
# PostgreSQL text-search configuration for the search vector.
NEWSROOM_SEARCH_CONFIG = env.str("SEARCH_CONFIG", default="english")
# Search ranks this many of the newest matches (the rest are not shown).
NEWSROOM_SEARCH_RANKED_MATCHES = env.int("SEARCH_RANKED_MATCHES", default=500)
# Results on each search page; each one's highlighted snippet is PostgreSQL
# reading its whole body, the largest part of a search's time.
NEWSROOM_SEARCH_RESULTS_PER_PAGE = env.int("SEARCH_RESULTS_PER_PAGE", default=10)
if not 1 <= NEWSROOM_SEARCH_RESULTS_PER_PAGE <= 100:
    raise ImproperlyConfigured(
        f"SEARCH_RESULTS_PER_PAGE is {NEWSROOM_SEARCH_RESULTS_PER_PAGE}: it must be from 1 to 100 results a page."
    )
# --- Syndication: story import and the JSON API (README "Import", "API") ---
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=1024 * 1024)
IMPORT_DEFAULT_SECTION = env.str("IMPORT_DEFAULT_SECTION", default="News")
# Origins (with scheme) whose browser scripts may read /api/; empty: none.
API_CORS_ALLOWED_ORIGINS = env.list("API_CORS_ALLOWED_ORIGINS", default=[])
INSTALLED_APPS += ["corsheaders"]
# Before CommonMiddleware, so preflight and redirect answers carry the CORS headers too.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "corsheaders.middleware.CorsMiddleware"
)
CORS_ALLOWED_ORIGINS = API_CORS_ALLOWED_ORIGINS
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]
# --- end syndication ---


# ===========================================================================
# Security and production (hardening)
#
# Kept as one block so the production posture can be read in one place.
# With DEBUG off these defaults pass ``manage.py check --deploy`` with no
# warnings; each can be relaxed through the environment (README, "Security").
# ===========================================================================

# HTTPS. TLS ends at the load balancer, which tells us the original scheme
# in X-Forwarded-Proto (set SECURE_PROXY_SSL_HEADER empty if nothing in front
# of gunicorn strips a forged one).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="HTTP_X_FORWARDED_PROTO")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Cookies only over HTTPS and out of reach of page scripts.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4). Scripts and styles only from our own
# static files: no inline script or style anywhere, the admin included. Media
# may live on another host (object storage or a CDN), so its origin is allowed
# for images.
from datetime import timedelta as _timedelta  # noqa: E402
from urllib.parse import urlsplit as _urlsplit  # noqa: E402

from csp.constants import NONE as _CSP_NONE  # noqa: E402
from csp.constants import SELF as _CSP_SELF  # noqa: E402

_media_origin = "{0.scheme}://{0.netloc}".format(_urlsplit(MEDIA_URL)) if "://" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:", *([_media_origin] if _media_origin else [])],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "object-src": [_CSP_NONE],
        "base-uri": [_CSP_NONE],
        "frame-ancestors": [_CSP_NONE],
        "form-action": [_CSP_SELF],
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one username from one address, that pair is refused, right password or not,
# for AXES_COOLOFF_MINUTES. Counting the pair (not the address alone) keeps an
# office behind one NAT address working while one account is being guessed.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = _timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# No "AXES: BEGIN" banner on every management command.
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "newsroom.middleware.client_ip"
# How many proxies (load balancer, CDN) sit in front of gunicorn and append to
# X-Forwarded-For; 0 trusts only the socket address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AUTHENTICATION_BACKENDS = [
    "newsroom.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

INSTALLED_APPS += ["csp", "axes"]
MIDDLEWARE += [
    "csp.middleware.CSPMiddleware",
    # Axes after Django's own, as it asks. Replica routing wraps only the
    # view (sessions and auth stay on the primary); the outage page is last
    # so its process_exception sees a view's database error first.
    "axes.middleware.AxesMiddleware",
    "newsroom.middleware.ReplicaRoutingMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

# A database that does not answer must not hang workers: give up connecting
# after a few seconds and show the outage page.
DB_CONNECT_TIMEOUT = env.int("DB_CONNECT_TIMEOUT", default=3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
# Seconds a reader is asked to wait before retrying during an outage.
OUTAGE_RETRY_AFTER = env.int("OUTAGE_RETRY_AFTER", default=30)

# A shared Redis cache that goes away degrades to cache misses (pages come
# from the database) instead of failing requests.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "newsroom.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "socket_connect_timeout": env.float("CACHE_TIMEOUT", default=0.5),
            "socket_timeout": env.float("CACHE_TIMEOUT", default=0.5),
        }
    )

# Optional read replica for public pages (see newsroom/routers.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db_url("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        # Tests read the replica through the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]

# Uploaded media on S3-compatible object storage (django-storages) when a
# bucket is named; local files otherwise. Static files stay with WhiteNoise.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
            # in the environment (or the host's role), read by boto3 itself.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "location": env.str("AWS_LOCATION", default="media"),
            # Public images with plain, cacheable URLs; uploads never overwrite.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Readers' browsers fetch these images from the bucket's own address.
    _bucket_host = STORAGES["default"]["OPTIONS"]["custom_domain"] or STORAGES["default"]["OPTIONS"]["endpoint_url"]
    if not _bucket_host:
        _bucket_origin = "https://*.amazonaws.com"
    elif "://" in _bucket_host:
        _bucket_origin = "{0.scheme}://{0.netloc}".format(_urlsplit(_bucket_host))
    else:
        _bucket_origin = f"https://{_bucket_host}"
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_bucket_origin)
# Further image origins (a CDN in front of media), comma-separated.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += env.list("CSP_IMG_SRC", default=[])
