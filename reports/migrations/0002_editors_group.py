"""The editors' group: may upload and ingest reports (reports.ingest_document)."""
from django.db import migrations

EDITORS_GROUP = "Biên tập viên / Editors"


def editors_group_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after all migrations ran; this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(app_label="reports", model="document")
    permission, _ = Permission.objects.get_or_create(
        codename="ingest_document", content_type=content_type,
        defaults={"name": "Can upload and ingest reports"})
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(permission)


def editors_group_delete(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(editors_group_create, editors_group_delete)]
