"""Settings come from the environment, and production settings pass Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "ros1site.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_with_debug_off_and_no_secret_key():
    result = _manage("check", env={"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_it_passes_the_deploy_checks_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x7" * 30 + "-a-long-random-production-key",
            "DJANGO_ALLOWED_HOSTS": "ros1.example.org",
            # The README's recipe: gunicorn behind a proxy that sets X-Forwarded-For.
            "DJANGO_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_reads_the_database_from_database_url():
    result = _manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        env={"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/whatever"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_it_compresses_pages_for_slow_phone_connections(client, db):
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"


def _production(**extra: str) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x7" * 30 + "-a-long-random-production-key",
        "DJANGO_ALLOWED_HOSTS": "ros1.example.org",
        **extra,
    }


def test_it_warns_in_production_when_no_client_address_header_is_named():
    result = _manage("check", env=_production())
    assert "accounts.W001" in result.stderr + result.stdout
    assert "DJANGO_CLIENT_IP_HEADER" in result.stderr + result.stdout


def test_it_does_not_warn_once_the_proxys_header_is_named():
    result = _manage("check", env=_production(DJANGO_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR"))
    assert "accounts.W001" not in result.stderr + result.stdout


_MAIL = (
    "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
    "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.DEFAULT_FROM_EMAIL, "
    "s.PASSWORD_RESET_TIMEOUT)"
)


def test_mail_is_printed_to_the_console_when_no_smtp_server_is_named():
    result = _manage("shell", "--verbosity", "0", "-c", _MAIL, env={"EMAIL_HOST": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_mail_goes_through_the_smtp_server_the_environment_names():
    result = _manage(
        "shell",
        "--verbosity",
        "0",
        "-c",
        _MAIL,
        env={
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "ros1",
            "EMAIL_HOST_PASSWORD": "secret",
            "EMAIL_USE_TLS": "1",
            "DEFAULT_FROM_EMAIL": "care@example.org",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "ros1",
        "True",
        "False",
        "care@example.org",
        "3600",
    ]
