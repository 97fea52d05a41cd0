"""The /learn/ pages, the contract redirects, the sitemap and the feed."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.education.models import ArticleConcern, Category, Status
from metskin.education.seed import seed_demo
from metskin.education.tests.factories import (
    ArticleFactory,
    DoctorProfileFactory,
    GlossaryTermFactory,
    VideoFactory,
)
from metskin.education.vocabulary import CONCERN_NAMES, TERM_KEYS
from skinlab.concerns import Concern

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def seeded():
    seed_demo(stdout=io.StringIO())


@pytest.fixture
def draft():
    return ArticleFactory(
        title="Secret draft about zinc",
        slug="secret-draft",
        body="## Hidden\n\nThe word quintessential appears only here.\n",
        status=Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def scheduled():
    return ArticleFactory(
        title="Scheduled piece",
        slug="scheduled-piece",
        body="Mentions quintessential too.\n",
        published_at=timezone.now() + dt.timedelta(days=3),
    )


def _staff_client(*, can_change: bool):
    """Staff role users get the content permissions; a bare is_staff flag gets none."""
    staff: Any
    if can_change:
        staff = UserFactory(role=Role.STAFF)
    else:
        staff = UserFactory(role=Role.PATIENT)
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])
    assert staff.has_perm("education.change_article") is can_change
    client = Client()
    client.force_login(staff)
    return client


# --- contracts -------------------------------------------------------------------------


def test_every_concern_name_the_engine_can_report_redirects_to_a_published_article(seeded):
    client = Client()
    for concern in sorted({concern.value for concern in Concern} | set(CONCERN_NAMES)):
        response = client.get(f"/learn/concern/{concern}/")

        assert response.status_code == 302, concern
        assert re.fullmatch(r"/learn/[a-z0-9-]+/", response["Location"]), concern
        article = client.get(response["Location"])
        assert article.status_code == 200, concern


@pytest.mark.parametrize(
    ("concern", "slug"),
    [
        ("acne", "acne"),
        ("redness", "redness-and-rosacea"),
        ("dark_spots", "dark-spots"),
        ("uneven_tone", "uneven-skin-tone"),
        ("shine", "oily-skin"),
        ("texture", "texture-and-pores"),
        ("fine_lines", "fine-lines-and-wrinkles"),
        ("dark_circles", "dark-circles"),
        ("lesion", "when-to-see-a-dermatologist"),
        ("dryness", "dry-skin"),
    ],
)
def test_each_concern_lands_on_its_own_article(seeded, concern, slug):
    response = Client().get(f"/learn/concern/{concern}/")

    assert response["Location"] == f"/learn/{slug}/"


def test_every_term_key_redirects_to_its_glossary_entry(seeded):
    client = Client()
    for key in TERM_KEYS:
        response = client.get(f"/learn/term/{key}/")

        assert response.status_code == 302, key
        assert response["Location"].startswith("/learn/glossary/"), key
        entry = client.get(response["Location"])
        assert entry.status_code == 200, key


def test_unknown_concern_and_term_names_are_404(seeded):
    client = Client()

    assert client.get("/learn/concern/freckles/").status_code == 404
    assert client.get("/learn/term/glitter/").status_code == 404


def test_a_known_concern_whose_article_is_a_draft_falls_back_to_the_concerns_topic(draft):
    ArticleConcern.objects.create(article=draft, concern="acne")

    response = Client().get("/learn/concern/acne/")

    assert response["Location"] == "/learn/category/concerns/"


# --- drafts are never public ---------------------------------------------------------------


def test_drafts_and_scheduled_articles_are_404_for_visitors_and_patients(draft, scheduled):
    patient = Client()
    patient.force_login(UserFactory(role=Role.PATIENT))

    for client in (Client(), patient):
        assert client.get("/learn/secret-draft/").status_code == 404
        assert client.get("/learn/scheduled-piece/").status_code == 404
    staff_without_permission = _staff_client(can_change=False)
    assert staff_without_permission.get("/learn/secret-draft/").status_code == 404


def test_staff_who_edit_content_preview_a_draft_marked_and_unindexed(draft):
    response = _staff_client(can_change=True).get("/learn/secret-draft/")

    assert response.status_code == 200
    assert b"Draft preview." in response.content
    assert b'<meta name="robots" content="noindex">' in response.content
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"


def test_drafts_are_left_out_of_index_category_search_sitemap_and_feed(draft, scheduled):
    published = ArticleFactory(title="Published one", body="Also quintessential.\n")
    client = Client()

    index = client.get("/learn/").content.decode()
    category = client.get("/learn/category/concerns/").content.decode()
    search = client.get("/learn/", {"q": "quintessential"}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    feed = client.get("/feed.xml").content.decode()

    for page in (index, category, search, sitemap, feed):
        assert "secret-draft" not in page
        assert "scheduled-piece" not in page
    assert f"/learn/{published.slug}/" in search
    assert f"/learn/{published.slug}/" in sitemap
    assert f"/learn/{published.slug}/" in feed


def test_draft_videos_are_404_for_visitors():
    VideoFactory(slug="draft-video", status=Status.DRAFT, published_at=None)

    assert Client().get("/learn/videos/draft-video/").status_code == 404
    assert b"draft-video" not in Client().get("/learn/videos/").content


# --- search --------------------------------------------------------------------------------


def test_search_finds_an_article_by_a_word_only_in_its_body():
    ArticleFactory(title="Looking after your skin", summary="General.", body="Use **ceramides**.")
    ArticleFactory(title="Unrelated", summary="Nothing here.", body="Other text.")

    response = Client().get("/learn/", {"q": "CERAMIDES"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result" in html
    assert "Looking after your skin" in html
    assert "Unrelated" not in html.split('id="results-heading"')[1].split('id="topics-heading"')[0]


def test_search_by_title_ranks_title_matches_first_and_needs_every_word():
    ArticleFactory(title="B body mention", body="Sunscreen every day.")
    ArticleFactory(title="Z sunscreen guide", body="How to apply.")
    ArticleFactory(title="A sunscreen but not daily", body="Nothing about the other word.")
    from metskin.education.selectors import content_search

    results = content_search(query="sunscreen")
    both_words = content_search(query="sunscreen apply")

    assert [a.title for a in results.articles] == [
        "A sunscreen but not daily",
        "Z sunscreen guide",
        "B body mention",
    ]
    assert [a.title for a in both_words.articles] == ["Z sunscreen guide"]


def test_search_also_finds_videos_by_transcript_and_glossary_terms_by_definition():
    VideoFactory(title="Morning steps", transcript="Apply sunscreen generously.")
    GlossaryTermFactory(term="Zinc oxide", definition="A mineral filter used in sunscreen.")

    html = Client().get("/learn/", {"q": "sunscreen"}).content.decode()

    assert "Morning steps" in html
    assert "Zinc oxide" in html


def test_search_treats_percent_and_underscore_literally_and_ignores_one_letter_words():
    ArticleFactory(title="Strength", body="Use 2% niacinamide.")
    ArticleFactory(title="Other", body="Use niacinamide.")
    from metskin.education.selectors import content_search

    assert [a.title for a in content_search(query="2%").articles] == ["Strength"]
    assert content_search(query="_").articles == []
    assert content_search(query="a").count == 0


# --- pages ---------------------------------------------------------------------------------


def test_article_page_has_toc_reviewer_calls_to_action_and_open_graph(seeded):
    response = Client().get("/learn/acne/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Acne: what helps, and when to see a doctor — MetSkin</title>" in html
    assert '<a href="#what-happens-in-the-skin">What happens in the skin</a>' in html
    assert '<h2 id="what-happens-in-the-skin">What happens in the skin</h2>' in html
    assert "Medically reviewed by <strong>Dr Demo Reviewer</strong>" in html
    assert "This is a demo profile, not a real doctor" in html
    assert '<a class="btn btn-primary" href="/analyse">Analyse my skin</a>' in html
    assert 'href="/doctors?specialty=acne&amp;sort=soonest">Find a dermatologist</a>' in html
    assert '<meta property="og:title" content="Acne: what helps, and when to see a doctor">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="http://testserver/learn/acne/">' in html
    assert (
        '<meta property="og:image" content="http://testserver/static/education/heroes/'
        'concerns.png">' in html
    )
    assert '<link rel="canonical" href="http://testserver/learn/acne/">' in html
    assert "It is not a diagnosis" in html
    assert "<script>" not in html.split('<main id="main"')[1]


def test_the_mole_article_sends_people_to_skin_cancer_specialists_soonest(seeded):
    html = Client().get("/learn/when-to-see-a-dermatologist/").content.decode()

    assert 'href="/doctors?specialty=skin_cancer&amp;sort=soonest">Find a dermatologist</a>' in html
    assert 'href="/analyse">Analyse my skin</a>' in html


def test_every_seeded_article_offers_both_calls_to_action(seeded):
    client = Client()
    from metskin.education.models import Article

    for article in Article.objects.all():
        html = client.get(article.get_absolute_url()).content.decode()
        assert 'href="/analyse">Analyse my skin</a>' in html, article.slug
        assert "Find a dermatologist</a>" in html, article.slug


def test_an_article_reviewed_by_a_real_listed_doctor_has_no_demo_note():
    doctor = DoctorProfileFactory(first_name="Ana", last_name="Silva", credentials="MD")
    ArticleFactory(slug="reviewed", medically_reviewed_by=doctor, reviewed_on=dt.date(2026, 1, 2))

    html = Client().get("/learn/reviewed/").content.decode()

    assert "Medically reviewed by <strong>Dr Ana Silva</strong>, MD" in html
    assert "2 January 2026" in html
    assert "demo profile" not in html


def test_related_content_lists_hand_picked_then_same_category_articles():
    main = ArticleFactory(title="Main", slug="main-article", category=Category.CONCERNS)
    picked = ArticleFactory(title="Picked", category=Category.ROUTINES)
    ArticleFactory(title="Same category", category=Category.CONCERNS)
    ArticleFactory(
        title="Hidden", category=Category.CONCERNS, status=Status.DRAFT, published_at=None
    )
    main.related_articles.add(picked)

    html = Client().get("/learn/main-article/").content.decode()
    related = html.split('id="related-heading"')[1].split("</section>")[0]

    assert re.findall(r'class="fw-semibold" href="[^"]+">([^<]+)</a>', related) == [
        "Picked",
        "Same category",
    ]


def test_index_lists_categories_with_counts_and_links(seeded):
    html = Client().get("/learn/").content.decode()

    assert "<h1" in html and "Learn about your skin" in html
    assert '<a class="ms-card-link d-block h-100" href="/learn/category/concerns/">' in html
    assert "9 articles" in html
    assert 'action="/learn/"' in html


def test_unknown_category_and_article_are_404():
    client = Client()

    assert client.get("/learn/category/nonsense/").status_code == 404
    assert client.get("/learn/no-such-article/").status_code == 404


def test_glossary_is_grouped_a_to_z_and_term_pages_link_to_their_article(seeded):
    glossary = Client().get("/learn/glossary/").content.decode()
    term = Client().get("/learn/glossary/spf/").content.decode()

    letters = re.findall(r'<h2 id="letter-([A-Z#])"', glossary)
    assert letters == sorted(letters)
    assert letters[0] == "A" and "Z" in letters
    assert 'href="/learn/glossary/azelaic-acid/">Azelaic acid</a>' in glossary
    assert "<h1" in term and "SPF (sun protection factor)" in term
    assert 'href="/learn/sun-protection-for-every-skin-tone/">Read more' in term


def test_video_page_shows_the_transcript_and_an_allowed_embed():
    article = ArticleFactory(title="Sun article")
    video = VideoFactory(
        slug="with-embed",
        embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        transcript="### Part one\n\nHello <script>alert(1)</script> world.\n",
    )
    video.full_clean()
    video.save()
    video.related_articles.add(article)
    VideoFactory(slug="transcript-only", embed_url="")

    html = Client().get("/learn/videos/with-embed/").content.decode()
    transcript_only = Client().get("/learn/videos/transcript-only/").content.decode()

    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "Hello  world." in html and "alert(1)" not in html
    assert "Sun article" in html
    assert "<iframe" not in transcript_only
    assert "The recording of this demo video is not published yet" in transcript_only


def test_a_seeded_video_without_a_recording_still_says_so(seeded):
    html = Client().get("/learn/videos/a-simple-routine/").content.decode()

    assert "<iframe" not in html and "<video" not in html
    assert "The recording of this demo video is not published yet" in html
    assert "Cleanse, treat, protect" in html


# --- sitemap and feed ----------------------------------------------------------------------


def test_sitemap_lists_public_articles_videos_terms_and_learn_pages(seeded):
    response = Client().get("/sitemap.xml")

    assert response.status_code == 200
    urls = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]  # noqa: S314 - our own response
    assert "http://testserver/learn/" in urls
    assert "http://testserver/learn/glossary/" in urls
    assert "http://testserver/learn/category/see-a-doctor/" in urls
    assert "http://testserver/learn/acne/" in urls
    assert "http://testserver/learn/videos/applying-sunscreen/" in urls
    assert "http://testserver/learn/glossary/retinoids/" in urls
    assert len(urls) == 3 + 6 + 14 + 4 + 58


def test_rss_feed_has_the_latest_articles_newest_first(seeded):
    ArticleFactory(title="Brand new", slug="brand-new", published_at=timezone.now())

    response = Client().get("/feed.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own response
    items = channel.findall("item")
    assert channel.findtext("title") == "MetSkin — Learn about your skin"
    assert len(items) == 15
    assert items[0].findtext("title") == "Brand new"
    assert items[0].findtext("link") == "http://testserver/learn/brand-new/"


def test_the_article_page_costs_the_same_few_queries_however_much_is_related(
    seeded, django_assert_num_queries
):
    client = Client()
    client.get("/learn/acne/")  # warm the Markdown cache, as a visited page would be

    # article + reviewer, four hand-picked related articles (so no same-category fill),
    # videos, glossary terms, tags
    with django_assert_num_queries(5):
        response = client.get("/learn/acne/")

    assert response.status_code == 200


def test_learn_without_a_trailing_slash_redirects_to_the_learn_pages_not_the_react_app():
    response = Client().get("/learn")

    assert response.status_code == 301
    assert response["Location"] == "/learn/"
