"""privacy 0004 gives the existing staff group the access log's view permission, reversibly."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from metskin.accounts.services import STAFF_GROUP

BEFORE = [("privacy", "0003_access_kind_upload_details")]
AFTER = [("privacy", "0004_staff_group_sees_access_log")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def can_view_log(group: Group) -> bool:
    return group.permissions.filter(
        content_type__app_label="privacy", codename="view_accessrecord"
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_the_staff_group_gets_the_access_log_permission_and_loses_it_on_reverse():
    # Given the schema before the migration and a staff group made before the access log,
    # with its old permissions, and another group that is not staff
    migrate(BEFORE)
    staff = Group.objects.create(name=STAFF_GROUP)
    view_user = Permission.objects.get(content_type__app_label="accounts", codename="view_user")
    staff.permissions.add(view_user)
    other = Group.objects.create(name="Newsletter editors")
    try:
        # When the migration runs, then the staff group may read the log, the other may not
        migrate(AFTER)
        assert can_view_log(staff)
        assert not can_view_log(other)
        assert staff.permissions.filter(pk=view_user.pk).exists()

        # When it is reversed, then it is taken back, and nothing else
        migrate(BEFORE)
        assert not can_view_log(staff)
        assert list(staff.permissions.all()) == [view_user]
    finally:
        migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_without_a_staff_group_the_migration_creates_none():
    migrate(BEFORE)
    try:
        migrate(AFTER)
        assert not Group.objects.filter(name=STAFF_GROUP).exists()
    finally:
        migrate(AFTER)
