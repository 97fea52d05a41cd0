from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from metskin.doctors.models import DoctorProfile
from metskin.education.models import Article, Category, GlossaryTerm, Status, Video


class DoctorProfileFactory(factory.django.DjangoModelFactory[DoctorProfile]):
    class Meta:
        model = DoctorProfile

    slug = factory.Sequence(lambda n: f"reviewer-{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Reviewer{n}")


class ArticleFactory(factory.django.DjangoModelFactory[Article]):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary."
    body = "## First section\n\nSome text.\n"
    category = Category.CONCERNS
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class VideoFactory(factory.django.DjangoModelFactory[Video]):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Video number {n}")
    slug = factory.Sequence(lambda n: f"video-{n}")
    summary = "A short video."
    transcript = "Hello and welcome.\n"
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class GlossaryTermFactory(factory.django.DjangoModelFactory[GlossaryTerm]):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    kind = GlossaryTerm.Kind.CONCEPT
    definition = "A short definition.\n"
