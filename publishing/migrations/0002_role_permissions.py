"""Editors and admins may read publications, corrections and workflow events in the admin (read-only there)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["publication", "correction", "workflowevent", "verdictcitation"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("publishing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="publishing", codename__in=[f"view_{m}" for m in MODELS])
    for name in ["editor", "admin"]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["editor", "admin"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="publishing"))


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_citations_publications_corrections"),
        ("claims", "0002_roles_and_default_scale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
