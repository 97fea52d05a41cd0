"""Shared pytest fixtures: API clients, users, a real Celery worker, a real browser."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent
# What Chromium writes on the console when the page's Content-Security-Policy blocks something.
CSP_VIOLATION = "Content Security Policy"
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
# The flags this machine's closed network needs (docs/testing.md; machine env doc).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """The first lines of `make test`: which real services this run uses."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    where = database.get("HOST") or database["NAME"]
    return [
        f"database: {database['ENGINE'].rsplit('.', 1)[-1]} at {where} "
        f"(tests run in test_{Path(str(database['NAME'])).name})",
        f"broker:   {_without_password(settings.CELERY_BROKER_URL)}",
        f"cache:    {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}",
    ]


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Throttles and lockouts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def patient(db: None) -> User:
    user: User = UserFactory(role=Role.PATIENT)  # type: ignore[assignment]
    return user


@pytest.fixture
def patient_client(patient: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(patient)
    return client


@pytest.fixture
def make_client() -> Callable[[User], APIClient]:
    def make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


# --- a real Celery worker -------------------------------------------------------------


@pytest.fixture
def celery_worker(transactional_db: None) -> Iterator[Any]:
    """A real worker thread consuming this test process's queue on the configured broker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=20
    ) as worker:
        yield worker


# --- a real browser --------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (reading the outbox, creating users) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Screenshots:
    def __init__(self, test_name: str) -> None:
        self.prefix = test_name
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{self.prefix}--{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(request.node.name.replace("[", "-").replace("]", ""))


def _new_page(browser: Any, live_server: Any, **context_options: Any) -> Iterator[Any]:
    # As a person who asked for less motion: nothing is caught mid-animation (a chart drawn
    # at 46 %, a dialog fading in); the app honours the setting (frontend/src/lib/charts.ts).
    context_options.setdefault("reduced_motion", "reduce")
    context = browser.new_context(base_url=live_server.url, **context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Chromium reports each Content-Security-Policy violation on the console: a page that
    # needs something the policy forbids (config/settings/csp.py) fails the test that shows it.
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if CSP_VIOLATION in message.text else None,
    )
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def _site_url_is_the_live_server(settings: Any, live_server: Any) -> None:
    """Emailed links are built on SITE_URL (never the request's Host): point it here."""
    settings.SITE_URL = live_server.url


@pytest.fixture
def page(browser: Any, live_server: Any, _site_url_is_the_live_server: None) -> Iterator[Any]:
    """A desktop-sized page on the live server."""
    yield from _new_page(browser, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone_390_page(
    browser: Any, live_server: Any, _site_url_is_the_live_server: None
) -> Iterator[Any]:
    """A 390 px wide phone screen with touch (today's most common phone width)."""
    yield from _new_page(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


@pytest.fixture
def phone_page(browser: Any, live_server: Any, _site_url_is_the_live_server: None) -> Iterator[Any]:
    """A 375 px wide phone screen with touch."""
    yield from _new_page(
        browser,
        live_server,
        viewport={"width": 375, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )


# --- private media (metskin/uploads) ------------------------------------------------------


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Encrypted media of each test go to a folder of their own, never to var/media."""
    root = tmp_path_factory.mktemp("private-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "uploads": {
            "BACKEND": "metskin.uploads.storage.EncryptedFileSystemStorage",
            "OPTIONS": {**settings.UPLOADS_STORAGE["OPTIONS"], "location": root},
        },
    }
    return root


@pytest.fixture(autouse=True)
def education_media(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Education videos of each test go to a folder of their own, never to var/education."""
    root = tmp_path_factory.mktemp("education-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "education": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "base_url": settings.EDUCATION_MEDIA_URL},
        },
    }
    return root


# --- private media on S3 (metskin/uploads/storage_s3.py) ------------------------------------


@pytest.fixture(scope="session")
def s3_server() -> Iterator[Any]:
    """moto's S3 API server, its own process on loopback (TEST_S3_PORT, or any free port)."""
    from metskin.uploads.tests.s3_server import start_s3_server

    server = start_s3_server(int(os.environ.get("TEST_S3_PORT", "0")))
    yield server
    server.stop()


@pytest.fixture
def s3_media(settings: Any, private_media: Path, s3_server: Any) -> Any:
    """Encrypted media of this test go to a new bucket on the S3 server, through the very
    settings entry AWS_STORAGE_BUCKET_NAME switches on (config/settings/uploads.py)."""
    from config.settings.uploads import s3_uploads_storage
    from metskin.uploads.tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY, S3Bucket

    bucket = S3Bucket(s3_server, s3_server.new_bucket())
    settings.AWS_STORAGE_BUCKET_NAME = bucket.name
    settings.UPLOADS_STORAGE = s3_uploads_storage(
        bucket=bucket.name,
        endpoint_url=s3_server.endpoint_url,
        region_name=REGION,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        location=bucket.location,
    )
    settings.STORAGES = {**settings.STORAGES, "uploads": settings.UPLOADS_STORAGE}
    return bucket
