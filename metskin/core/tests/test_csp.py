"""A Content-Security-Policy without inline scripts on the React app and the learn pages.

The header is checked here; tests/browser/test_csp.py checks that the pages still work
under it in Chromium with no violation reported.
"""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from metskin.education.seed import seed_demo

pytestmark = pytest.mark.django_db

PAGES = ["/", "/signin", "/doctors", "/learn/", "/learn/acne/", "/learn/glossary/"]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def content():
    seed_demo(stdout=io.StringIO())


@pytest.mark.parametrize("path", PAGES)
def test_pages_forbid_inline_scripts_and_foreign_origins(content, path):
    response = Client().get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_html_has_no_inline_script_style_or_handler(content, path):
    html = Client().get(path).content.decode()

    scripts = re.findall(r"<script\b([^>]*)>", html)
    executable_inline = [
        attrs for attrs in scripts if "src=" not in attrs and "application/ld+json" not in attrs
    ]
    assert executable_inline == []
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_only_the_api_docs_page_may_use_inline_styles():
    response = Client().get("/api/docs/")

    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in directives(response)["style-src"]
    assert not re.search(r"<script>\s*\S", response.content.decode())
