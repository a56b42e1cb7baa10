"""The admin role manages everyone's API tokens in Django admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    config = apps.get_app_config("accounts")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label="accounts"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_api_tokens_and_idempotency_keys"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
