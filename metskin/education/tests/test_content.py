"""The content kept in git: strict parsing, and coverage of every linked name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from metskin.education.content import (
    ContentError,
    load_articles,
    load_glossary,
    load_videos,
    split_front_matter,
)
from metskin.education.models import Category
from metskin.education.vocabulary import CONCERN_NAMES, TERM_KEYS


def test_front_matter_is_split_from_the_body():
    data, body = split_front_matter(
        '+++\ntitle = "Acne"\npublished = 2026-11-20\ntags = ["a", "b"]\n+++\n\n## Hi\n',
        where="x.md",
    )

    assert data == {"title": "Acne", "published": dt.date(2026, 11, 20), "tags": ["a", "b"]}
    assert body == "## Hi\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title = 'x'\n", "x.md: must start with a +++ line"),
        ("+++\ntitle = 'x'\n", "x.md: the front matter has no closing +++ line"),
        ("+++\ntitle = \n+++\n", "x.md: front matter is not valid TOML"),
    ],
)
def test_malformed_front_matter_names_the_file(text, message):
    with pytest.raises(ContentError, match=re.escape(message)):
        split_front_matter(text, where="x.md")


def _write_article(directory, name, front):
    (directory / "articles").mkdir(parents=True, exist_ok=True)
    (directory / "articles" / name).write_text(f"+++\n{front}+++\nBody\n", "utf-8")


def test_an_unknown_or_missing_key_is_an_error(tmp_path):
    _write_article(
        tmp_path,
        "a.md",
        'title = "T"\nslug = "t"\ncategory = "basics"\nsummary = "S"\ntitel = "typo"\n',
    )
    with pytest.raises(ContentError, match=r"a.md: unknown keys \['titel'\]"):
        load_articles(tmp_path)

    _write_article(tmp_path, "a.md", 'title = "T"\nslug = "t"\n')
    with pytest.raises(ContentError, match=r"a.md: missing keys \['category', 'summary'\]"):
        load_articles(tmp_path)


def test_the_repository_has_at_least_12_articles_covering_every_category():
    articles = load_articles()

    assert len(articles) >= 12
    assert {article.category for article in articles} == set(Category.values)
    assert len({article.slug for article in articles}) == len(articles)


def test_every_concern_name_the_engine_can_report_has_an_article_file():
    """Fails when a concern is added and no article is mapped to it (``concerns = [...]``)."""
    covered = {concern for article in load_articles() for concern in article.concerns}

    assert set(CONCERN_NAMES) - covered == set()  # no concern without an article
    assert covered - set(CONCERN_NAMES) == set()  # no article about an unknown name


def test_every_term_key_has_exactly_one_glossary_entry_and_there_are_at_least_40():
    terms = load_glossary()
    keys = [term.key for term in terms if term.key]

    assert len(terms) >= 40
    assert sorted(keys) == sorted(TERM_KEYS)
    assert {term.kind for term in terms} == {"condition", "ingredient", "concept"}


def test_every_article_names_the_guidance_it_rests_on_and_is_reviewed():
    for article in load_articles():
        _, heading, guidance = article.body.partition("## The guidance behind this article")
        assert heading, article.slug
        # the section lists its sources (guideline, body, paper), one per line
        section = guidance.split("\n## ")[0]
        sources = [line for line in section.splitlines() if line.startswith("- ")]
        assert len(sources) >= 2, article.slug
        assert all(len(line) > 20 for line in sources), article.slug
        assert article.reviewed_by and article.reviewed_on, article.slug


def test_videos_have_transcripts_and_no_unverified_embed():
    videos = load_videos()

    assert len(videos) >= 4
    for video in videos:
        # A short video's transcript is short; one without a recording holds it all.
        assert len(video.transcript.split()) > (40 if video.recording else 150), video.slug
        # We never claim a recording at a URL we cannot verify: ours are in the repository.
        assert video.embed_url == "", video.slug
    assert sorted(video.slug for video in videos if video.recording) == [
        "applying-sunscreen",
        "checking-your-moles",
        "photographing-your-skin",
    ]
