"""Settings from environment variables, with defaults for development."""
from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# INSTANCE_PATH_OVERRIDE lets tests and parallel checkouts keep keys, certificates and the
# embedded databases apart.
INSTANCE = Path(os.environ.get("INSTANCE_PATH_OVERRIDE") or ROOT / "instance")


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'bontang.db'}")
    # Heroku-style URLs and plain postgresql:// should use psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url: str) -> dict:
    """SQLAlchemy engine options for the database at `url`."""
    if url.startswith("sqlite"):
        # Wait up to 30 s for another writer instead of failing with "database is locked";
        # WAL mode (bontang.extensions) lets readers go on while one writer commits.
        return {"connect_args": {"timeout": 30}}
    # Which statements PostgreSQL may plan once and which it plans for their values on every run is decided
    # per statement (bontang.extensions.REUSABLE_PLAN).
    return {"pool_pre_ping": True}


def _instance_secret(variable: str, env: str) -> str:
    """A key from the environment; in development one random key kept under instance/ instead."""
    key = os.environ.get(variable)
    if key:
        return key
    if env == "production":
        raise RuntimeError(f"{variable} must be set when APP_ENV=production")
    # O_EXCL makes the first of several starting processes write the key; the others read it.
    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / variable.lower()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # the writer may not have written it yet
            if key := path.read_text().strip():
                return key
            time.sleep(0.01)
        raise RuntimeError(f"{path} is empty") from None
    with os.fdopen(fd, "w") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key


def check_production(config: dict) -> None:
    """Refuse to start a production app whose limits or cookies would not mean what they say."""
    if config.get("APP_ENV") != "production":
        return
    if str(config.get("RATELIMIT_STORAGE_URI", "memory://")).startswith("memory://"):
        raise RuntimeError("RATELIMIT_STORAGE_URI must be a storage shared by every worker (e.g. redis://host:6379/0) "
                           "when APP_ENV=production: with memory:// each worker counts apart and limits multiply.")


def _session_cookie_name(env: str) -> str:
    # __Host- makes the browser refuse the cookie unless it is Secure, for path / and without a Domain.
    if env == "production" and _bool("SESSION_COOKIE_SECURE", True):
        return "__Host-session"
    return "session"


def load_config() -> dict:
    """Build the Flask config mapping from the environment."""
    env = os.environ.get("APP_ENV", "development")
    return {
        "APP_ENV": env,
        "SECRET_KEY": _instance_secret("SECRET_KEY", env),
        # Keys the audit chain's HMAC; kept outside the database so rows rewritten there are detected.
        "AUDIT_KEY": _instance_secret("AUDIT_KEY", env),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_NAME": _session_cookie_name(env),
        "REMEMBER_COOKIE_NAME": "__Host-remember_token" if _session_cookie_name(env) != "session" else "remember_token",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", env == "production"),
        "PERMANENT_SESSION_LIFETIME": int(os.environ.get("SESSION_HOURS", "8")) * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "16")) * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Makassar",
        "LANGUAGES": ("id", "en"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_MIN_SIZE": 1024,
        "COMPRESS_REGISTER": True,
        "LOGIN_LIMIT": os.environ.get("LOGIN_LIMIT", "10 per minute"),
        "LOGIN_ACCOUNT_ADDRESS_LIMIT": os.environ.get("LOGIN_ACCOUNT_ADDRESS_LIMIT", "5 per minute"),
        "LOGIN_ADDRESS_LIMIT": os.environ.get("LOGIN_ADDRESS_LIMIT", "60 per minute"),
        "CODE_LIMIT": os.environ.get("CODE_LIMIT", "5 per minute"),
        "BASE_URL": (os.environ.get("BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '5000'}").rstrip("/"),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Disnaker Kota Bontang <noreply@disnaker.example.com>"),
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": int(os.environ.get("SMTP_PORT", "587")),
        "SMTP_USER": os.environ.get("SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _bool("SMTP_STARTTLS", True),
        "SIGNING_P12": os.environ.get("SIGNING_P12", ""),
        "SIGNING_P12_PASSWORD": os.environ.get("SIGNING_P12_PASSWORD", ""),
        "SIGNING_TSA_URL": os.environ.get("SIGNING_TSA_URL", ""),
        # Long-term seal (PAdES B-LTA): the PEM chain of SIGNING_P12 (issuing CAs and root) and of the
        # TSA when another CA issued it; archived PDFs get a new document timestamp this many days
        # before the last one's certificate expires.
        "SIGNING_CHAIN": os.environ.get("SIGNING_CHAIN", ""),
        "SIGNING_TSA_CHAIN": os.environ.get("SIGNING_TSA_CHAIN", ""),
        "SEAL_RETIMESTAMP_DAYS": int(os.environ.get("SEAL_RETIMESTAMP_DAYS", "180")),
        "TASK_QUEUE_URL": os.environ.get("TASK_QUEUE_URL", ""),
        "SEAL_MAX_ATTEMPTS": int(os.environ.get("SEAL_MAX_ATTEMPTS", "10")),
        "SEAL_RETRY_DELAY": float(os.environ.get("SEAL_RETRY_DELAY", "30")),
        "SEAL_RETRY_MAX_DELAY": float(os.environ.get("SEAL_RETRY_MAX_DELAY", "3600")),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "8")),
        "MAIL_RETRY_DELAY": float(os.environ.get("MAIL_RETRY_DELAY", "60")),
        "MOU_REMINDER_DAYS": int(os.environ.get("MOU_REMINDER_DAYS", "7")),
        "MOU_REMINDER_MAX": int(os.environ.get("MOU_REMINDER_MAX", "3")),
        "NIK_KEY": os.environ.get("NIK_KEY", ""),
        "INSTANCE_DIR": str(INSTANCE),
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", "0")),
        "LOCAL_QUOTA_PERCENT": int(os.environ.get("LOCAL_QUOTA_PERCENT", "75")),
        "UMK_BONTANG": int(os.environ.get("UMK_BONTANG", "3780000")),
        "PARTNER_TARGET": int(os.environ.get("PARTNER_TARGET", "124")),
        "CITY_NAME": os.environ.get("CITY_NAME", "Kota Bontang"),
        "MAYOR_NAME": os.environ.get("MAYOR_NAME", "Neni Moerniaeni"),
        "VICE_MAYOR_NAME": os.environ.get("VICE_MAYOR_NAME", "Agus Haris"),
        "HEAD_OF_OFFICE_NAME": os.environ.get("HEAD_OF_OFFICE_NAME", "Kepala Dinas Ketenagakerjaan"),
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS", "7")),
        # Signing trust (issue 10): hours signing is held after Disnaker changes a signer's credentials.
        "SIGNING_COOLING_OFF_HOURS": int(os.environ.get("SIGNING_COOLING_OFF_HOURS", "24")),
        "RESET_HOURS": int(os.environ.get("RESET_HOURS", "2")),
        # Backups (bontang/backup): where archives go, how many daily and monthly ones are kept, and after
        # how many hours without a good backup the administrators are alerted and /readyz reports it.
        "BACKUP_DIR": os.environ.get("BACKUP_DIR") or str(INSTANCE / "backups"),
        "BACKUP_KEEP_DAILY": int(os.environ.get("BACKUP_KEEP_DAILY", "14")),
        "BACKUP_KEEP_MONTHLY": int(os.environ.get("BACKUP_KEEP_MONTHLY", "60")),
        "BACKUP_MAX_AGE_HOURS": float(os.environ.get("BACKUP_MAX_AGE_HOURS", "26")),
        # Observability (bontang/observability): logs, /readyz thresholds, /metrics access.
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json"),  # json (one object per line) or text
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "METRICS_TOKEN": os.environ.get("METRICS_TOKEN", ""),  # empty: /metrics answers loopback only
        "READY_HEARTBEAT_MAX_AGE": float(os.environ.get("READY_HEARTBEAT_MAX_AGE", "180")),
        "READY_QUEUE_MAX": int(os.environ.get("READY_QUEUE_MAX", "1000")),
        # Data-subject requests (bontang/privacy): months after the last activity before a job seeker is anonymised.
        "JOBSEEKER_RETENTION_MONTHS": int(os.environ.get("JOBSEEKER_RETENTION_MONTHS", "60")),
        # Candidate matching (issue 12): points at most per part of a candidate's score (they add up to 100 by
        # default) and the waiting time, in days since the AK1 registration, that earns the whole waiting part.
        "MATCH_WEIGHT_SKILLS": float(os.environ.get("MATCH_WEIGHT_SKILLS", "35")),
        "MATCH_WEIGHT_CERTIFICATE": float(os.environ.get("MATCH_WEIGHT_CERTIFICATE", "25")),
        "MATCH_WEIGHT_KTP": float(os.environ.get("MATCH_WEIGHT_KTP", "20")),
        "MATCH_WEIGHT_WAITING": float(os.environ.get("MATCH_WEIGHT_WAITING", "12")),
        "MATCH_WEIGHT_WELFARE": float(os.environ.get("MATCH_WEIGHT_WELFARE", "8")),
        "MATCH_WAITING_CAP_DAYS": int(os.environ.get("MATCH_WAITING_CAP_DAYS", "730")),
        # Workforce reports (issue 12b): days after a semester's end to report, and the reminder window before it.
        "WORKFORCE_REPORT_DAYS": int(os.environ.get("WORKFORCE_REPORT_DAYS", "30")),
        "WORKFORCE_REMINDER_DAYS": int(os.environ.get("WORKFORCE_REMINDER_DAYS", "14")),
    }
