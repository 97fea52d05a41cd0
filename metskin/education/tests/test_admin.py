"""Staff write in the admin with a preview rendered by the site's own sanitiser."""

from __future__ import annotations

import pytest
from django.test import Client

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.education.models import Article, Status
from metskin.education.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/education/article/markdown-preview/"


@pytest.fixture
def staff_client():
    """Staff reach the admin only with a two-factor session (django-otp's OTPAdminSite)."""
    return verified_admin_client(UserFactory(role=Role.STAFF))


def test_preview_renders_markdown_through_the_sanitiser(staff_client):
    response = staff_client.post(
        PREVIEW_URL,
        {"text": '## Hello\n\n<script>alert(1)</script><img src="/x.png" onerror="alert(2)">'},
    )

    assert response.status_code == 200
    assert response.json() == {
        "html": '<h2 id="hello">Hello</h2>\n\n<p><img src="/x.png"></p>',
        "toc": [{"id": "hello", "title": "Hello"}],
    }


def test_preview_is_for_staff_with_permission_only():
    patient = Client()
    patient.force_login(UserFactory(role=Role.PATIENT))
    flagged = UserFactory(role=Role.PATIENT)
    flagged.is_staff = True
    flagged.save(update_fields=["is_staff"])
    no_permission = verified_admin_client(flagged)

    anonymous = Client().post(PREVIEW_URL, {"text": "x"})
    as_patient = patient.post(PREVIEW_URL, {"text": "x"})
    as_bare_staff = no_permission.post(PREVIEW_URL, {"text": "x"})

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    assert as_patient.status_code == 302
    assert as_bare_staff.status_code == 403


def test_preview_needs_post_and_a_csrf_token():
    client = verified_admin_client(UserFactory(role=Role.STAFF), enforce_csrf_checks=True)

    assert client.get(PREVIEW_URL).status_code == 405
    assert client.post(PREVIEW_URL, {"text": "x"}).status_code == 403


def test_change_form_has_the_preview_widget_and_the_saved_rendering(staff_client):
    article = ArticleFactory(body="## Saved heading\n\n<script>x()</script>Text")

    html = staff_client.get(f"/admin/education/article/{article.pk}/change/").content.decode()

    assert f'data-markdown-preview="{PREVIEW_URL}"' in html
    assert "education/admin/markdown-preview.js" in html
    assert '<div class="ms-markdown-preview"><h2 id="saved-heading">Saved heading</h2>' in html
    assert "x()" not in html.split('class="ms-markdown-preview"')[1].split("</div>")[0]


def test_staff_create_a_draft_in_the_admin_then_publish_it_with_the_action(staff_client):
    response = staff_client.post(
        "/admin/education/article/add/",
        {
            "title": "New article",
            "slug": "new-article",
            "category": "basics",
            "summary": "Summary.",
            "body": "word " * 450,
            "status": "draft",
            "author": "MetSkin editorial team",
            "concern_links-TOTAL_FORMS": "0",
            "concern_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="new-article")
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert article.reading_minutes == 3
    assert Client().get("/learn/new-article/").status_code == 404

    staff_client.post(
        "/admin/education/article/",
        {"action": "publish", "_selected_action": [str(article.pk)]},
    )

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None
    assert Client().get("/learn/new-article/").status_code == 200


def test_the_admin_refuses_a_reserved_slug_an_unknown_hero_and_a_foreign_video_host(staff_client):
    article_form = staff_client.post(
        "/admin/education/article/add/",
        {
            "title": "Glossary",
            "slug": "glossary",
            "category": "basics",
            "summary": "S",
            "body": "B",
            "status": "draft",
            "author": "X",
            "hero_image": "education/heroes/missing.png",
            "concern_links-TOTAL_FORMS": "0",
            "concern_links-INITIAL_FORMS": "0",
        },
    )
    video_form = staff_client.post(
        "/admin/education/video/add/",
        {
            "title": "V",
            "slug": "v",
            "summary": "S",
            "transcript": "T",
            "embed_url": "https://evil.example/embed/dQw4w9WgXcQ",
            "status": "draft",
        },
    )

    assert article_form.status_code == 200
    assert "is the address of another /learn/ page" in article_form.content.decode()
    assert "No static file" in article_form.content.decode()
    assert video_form.status_code == 200
    assert "Other sites cannot be embedded" in video_form.content.decode()
    assert not Article.objects.exists()


def test_unpublish_action_hides_an_article_again(staff_client):
    article = ArticleFactory(slug="to-hide")

    staff_client.post(
        "/admin/education/article/",
        {"action": "unpublish", "_selected_action": [str(article.pk)]},
    )

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert Client().get("/learn/to-hide/").status_code == 404


def test_staff_link_a_concern_to_an_article_from_the_inline(staff_client):
    article = ArticleFactory(slug="for-shine")
    form = staff_client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert '<option value="shine">shine</option>' in form

    response = staff_client.post(
        f"/admin/education/article/{article.pk}/change/",
        {
            "title": article.title,
            "slug": article.slug,
            "category": article.category,
            "summary": article.summary,
            "body": article.body,
            "status": "published",
            "published_at_0": "2026-11-01",
            "published_at_1": "08:00:00",
            "author": "MetSkin editorial team",
            "concern_links-TOTAL_FORMS": "1",
            "concern_links-INITIAL_FORMS": "0",
            "concern_links-0-concern": "shine",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Client().get("/learn/concern/shine/")["Location"] == "/learn/for-shine/"
