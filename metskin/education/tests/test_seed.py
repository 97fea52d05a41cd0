"""seed_demo loads the content in git: idempotent, updates on change, keeps admin edits."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command

from metskin.doctors.models import DoctorProfile
from metskin.education.content import CONTENT_DIR, ContentError
from metskin.education.models import Article, ArticleConcern, GlossaryTerm, Status, Video
from metskin.education.seed import DEMO_REVIEWER_SLUG, seed_demo
from metskin.education.services import content_sync
from metskin.education.vocabulary import CONCERN_NAMES, TERM_KEYS

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the repository's content to edit in a test."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def test_seed_loads_every_article_video_and_term_with_the_demo_reviewer():
    out = io.StringIO()

    seed_demo(stdout=out)

    reviewer = DoctorProfile.objects.get(slug=DEMO_REVIEWER_SLUG)
    assert reviewer.display_name == "Dr Demo Reviewer"
    assert reviewer.is_listed is False
    assert reviewer.credentials == ""
    articles = Article.objects.all()
    assert articles.count() == 14
    assert all(article.status == Status.PUBLISHED for article in articles)
    assert all(article.medically_reviewed_by == reviewer for article in articles)
    assert Video.objects.count() == 4
    assert GlossaryTerm.objects.count() == 58
    assert out.getvalue() == "Education: 76 created, 0 updated, 0 unchanged"
    assert sorted(ArticleConcern.objects.values_list("concern", flat=True)) == sorted(CONCERN_NAMES)
    assert sorted(GlossaryTerm.objects.exclude(key=None).values_list("key", flat=True)) == sorted(
        TERM_KEYS
    )


def test_seed_is_idempotent_and_leaves_unchanged_rows_alone():
    seed_demo(stdout=io.StringIO())
    stamps = dict(Article.objects.values_list("slug", "updated_at"))
    out = io.StringIO()

    seed_demo(stdout=out)

    assert out.getvalue() == "Education: 0 created, 0 updated, 76 unchanged"
    assert dict(Article.objects.values_list("slug", "updated_at")) == stamps
    assert DoctorProfile.objects.filter(slug=DEMO_REVIEWER_SLUG).count() == 1


def test_seed_keeps_an_existing_reviewer_profile_as_it_is():
    DoctorProfile.objects.create(
        slug=DEMO_REVIEWER_SLUG, first_name="Changed", last_name="ByStaff", is_listed=False
    )

    seed_demo(stdout=io.StringIO())

    assert DoctorProfile.objects.get(slug=DEMO_REVIEWER_SLUG).first_name == "Changed"


def test_a_changed_file_updates_its_row_and_an_admin_edit_survives_until_then(content_copy):
    seed_demo(stdout=io.StringIO())
    # A member of staff edits the acne article in the admin.
    Article.objects.filter(slug="acne").update(summary="Edited by staff.")
    content_sync(directory=content_copy)
    assert Article.objects.get(slug="acne").summary == "Edited by staff."

    path = content_copy / "articles" / "acne.md"
    path.write_text(
        path.read_text("utf-8").replace('tags = ["acne", "spots"', 'tags = ["acne", "pimples"'),
        "utf-8",
    )
    report = content_sync(directory=content_copy)

    acne = Article.objects.get(slug="acne")
    assert report.updated == ["article acne"]
    assert report.created == []
    assert acne.summary.startswith("Why spots form")
    assert sorted(acne.tags.values_list("name", flat=True)) == [
        "acne",
        "benzoyl peroxide",
        "pimples",
        "retinoids",
    ]


def test_moving_a_concern_to_another_article_relinks_it(content_copy):
    seed_demo(stdout=io.StringIO())
    acne = content_copy / "articles" / "acne.md"
    oily = content_copy / "articles" / "oily-skin.md"
    acne.write_text(acne.read_text("utf-8").replace('concerns = ["acne"]', "concerns = []"))
    oily.write_text(
        oily.read_text("utf-8").replace('concerns = ["shine"]', 'concerns = ["shine", "acne"]')
    )

    content_sync(directory=content_copy)

    links = dict(ArticleConcern.objects.values_list("concern", "article__slug"))
    assert links["acne"] == "oily-skin"
    assert links["shine"] == "oily-skin"


def test_a_broken_file_stops_the_load_and_changes_nothing(content_copy):
    bad = content_copy / "articles" / "zz-broken.md"
    bad.write_text(
        '+++\ntitle = "Broken"\nslug = "zz-broken"\ncategory = "no-such-category"\n'
        'summary = "S"\n+++\nBody\n',
        "utf-8",
    )
    seed_demo(stdout=io.StringIO())
    before = Article.objects.count()
    (content_copy / "articles" / "acne.md").write_text(
        (content_copy / "articles" / "acne.md").read_text("utf-8").replace("Acne:", "ACNE:")
    )

    with pytest.raises(ContentError, match=r"zz-broken\.md: .*category"):
        content_sync(directory=content_copy)

    assert Article.objects.count() == before
    assert Article.objects.get(slug="acne").title.startswith("Acne:")


def test_seed_demo_command_runs_the_education_seed():
    out = io.StringIO()

    call_command("seed_demo", stdout=out)

    assert "Education: 76 created" in out.getvalue()
    assert Article.objects.filter(slug="when-to-see-a-dermatologist").exists()


def test_a_recording_folder_missing_a_file_is_an_error_naming_it(content_copy):
    (content_copy / "videos" / "checking-your-moles" / "captions.vtt").unlink()

    seed_demo(stdout=io.StringIO())
    before = Video.objects.get(slug="checking-your-moles").captions.name

    with pytest.raises(ContentError, match=r"checking-your-moles.* lacks \['captions.vtt'\]"):
        content_sync(directory=content_copy)

    assert Video.objects.get(slug="checking-your-moles").captions.name == before
