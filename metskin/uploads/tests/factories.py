from __future__ import annotations

from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from metskin.accounts.models import User
from metskin.accounts.tests.factories import UserFactory
from metskin.uploads.models import Upload
from metskin.uploads.services import upload_store
from metskin.uploads.tests import media
from metskin.uploads.validation import upload_prepare


class UploadFactory(factory.Factory[Upload]):
    """A photo upload made through the real checks and the real encrypted storage."""

    class Meta:
        model = Upload

    owner = factory.SubFactory(UserFactory)
    data = factory.LazyFunction(lambda: media.jpeg(media.astronaut((256, 256))))
    name = "photo.jpg"

    @classmethod
    def _create(cls, model_class: type[Upload], *args: Any, **kwargs: Any) -> Upload:
        owner: User = kwargs["owner"]
        uploaded = SimpleUploadedFile(kwargs["name"], kwargs["data"])
        return upload_store(owner=owner, prepared=upload_prepare(uploaded=uploaded))
