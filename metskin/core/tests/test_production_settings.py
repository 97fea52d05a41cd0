"""Production settings start only when safe, and Django's deployment checks find nothing.

Each case runs ``manage.py check --deploy`` in a fresh process under
``config.django.production`` with an environment built here (nothing from this machine's
own settings leaks in), the way an operator would start the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# What an operator sets in production; each test removes or changes one thing.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.django.production",
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp9Zr2Lw8Nv4Bt6Hy1Jm5Cd0Fg3Sk" * 2,
    "SITE_URL": "https://metskin.example",
    "DJANGO_ALLOWED_HOSTS": "metskin.example",
    "DATABASE_URL": "mysql://metskin@127.0.0.1:3306/metskin",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.metskin.example:587",
    "SMS_BACKEND": "metskin.notifications.sms.TwilioSmsBackend",
    "MEDIA_ENCRYPTION_KEY": "dGVzdHMtb25seS1tZWRpYS1rZXktMzItYnl0ZXMtLS0=",
}


def manage(*args: str, **changes: str | None) -> subprocess.CompletedProcess[str]:
    """``manage.py <args>`` in a fresh process under production settings with ``changes``."""
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    env.update(PRODUCTION_ENV)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_deploy(**changes: str | None) -> subprocess.CompletedProcess[str]:
    return manage("check", "--deploy", **changes)


def test_check_deploy_prints_no_warning_under_production_settings_with_an_https_site():
    result = check_deploy()

    assert result.returncode == 0, result.stderr
    assert (result.stdout + result.stderr).strip() == (
        "System check identified no issues (0 silenced)."
    )


def test_hsts_can_be_turned_off_and_the_check_then_says_so():
    result = check_deploy(DJANGO_SECURE_HSTS_SECONDS="0", DJANGO_SECURE_SSL_REDIRECT="false")

    assert result.returncode == 0, result.stderr
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


def test_a_plain_http_site_url_is_a_deployment_warning():
    result = check_deploy(SITE_URL="http://metskin.example")

    assert result.returncode == 0, result.stderr
    assert "metskin.W001" in result.stderr


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"CACHE_URL": None}, "CACHE_URL"),
        ({"CACHE_URL": "locmemcache://"}, "CACHE_URL"),
        ({"EMAIL_URL": None}, "EMAIL_URL"),
        ({"SMS_BACKEND": None}, "SMS_BACKEND"),
        ({"SITE_URL": None}, "SITE_URL"),
    ],
    ids=[
        "no-cache",
        "per-process-cache",
        "console-email-by-default",
        "file-sms-by-default",
        "emailed-links-to-127.0.0.1",
    ],
)
def test_production_refuses_to_start_without_a_safe_choice(changes, named):
    result = check_deploy(**changes)

    assert result.returncode == 2
    # One line that names the setting, not a traceback.
    assert result.stderr.startswith("MetSkin cannot start: settings: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert named in result.stderr


@pytest.mark.parametrize(
    "changes",
    [
        {"EMAIL_URL": "consolemail://"},
        {"SMS_BACKEND": "metskin.notifications.sms.FileSmsBackend"},
    ],
    ids=["console-email", "file-sms"],
)
def test_the_console_email_and_file_sms_backends_start_when_chosen_explicitly(changes):
    result = check_deploy(**changes)

    assert result.returncode == 0, result.stderr
