"""The existing staff group may read the access log in the admin.

``accounts.services.staff_group_ensure`` grants ``privacy.view_accessrecord`` to the staff
group whenever a staff account is created, but a group made before the access log existed
only gets it at the next such creation: until then staff could not see who read what.
The permission row itself is created here if Django's post-migrate step has not run yet.
Reversing takes it back from the group (the permission row stays, as Django would keep it).
"""

from django.db import migrations

STAFF_GROUP = "MetSkin staff"  # accounts.services.STAFF_GROUP, as it was when this was written


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="privacy", model="accessrecord")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_accessrecord",
        defaults={"name": "Can view access record"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = list(Group.objects.filter(name=STAFF_GROUP))
    if not groups:
        return  # a new installation: the group is made, with the permission, for its first staff
    permission = _permission(apps)
    for group in groups:
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="privacy", codename="view_accessrecord"
    )
    for group in Group.objects.filter(name=STAFF_GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("privacy", "0003_access_kind_upload_details"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
