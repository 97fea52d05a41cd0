from __future__ import annotations

from typing import Any

import factory

from metskin.accounts.models import Role, User
from metskin.accounts.services import user_create

DEFAULT_PASSWORD = "a-Long-enough-passw0rd"


class UserFactory(factory.Factory[User]):
    """Users made through the real service, so they get a profile and a skin profile."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = DEFAULT_PASSWORD
    role = Role.PATIENT
    display_name = factory.Faker("first_name")
    verified = True
    # Like everyone who signs up: agreed to the terms and health-data processing.
    consented = True

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        return user_create(**kwargs)

    @classmethod
    def _build(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        raise NotImplementedError("Users are always created through user_create")
