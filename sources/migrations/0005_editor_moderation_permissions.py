"""Editors moderate in the admin: they become staff, with just the permissions their queues need.

Lives in ``sources`` (the highest app it touches) so that no lower app's migrations depend on a higher one.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "history.view_historyentry",
    "claims.delete_verdict",
    "sources.view_domain", "sources.add_domain", "sources.change_domain",
    "sources.view_pagechange", "sources.change_pagechange",
    "sources.change_snapshot",
    "axes.view_accessattempt", "axes.delete_accessattempt",
    "auth.view_user",
]  # fmt: skip
ADMIN_APPS = ["claims", "sources", "history", "auth", "accounts", "axes"]
STAFF_ROLES = ["editor", "admin"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("auth", "User")
    editor, _ = Group.objects.get_or_create(name="editor")
    for dotted in EDITOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        editor.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    # The same rule as claims.users.user_set_role: editors and admins are staff.
    User.objects.filter(groups__name__in=STAFF_ROLES, is_staff=False).update(is_staff=True)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="editor").first()
    if editor is not None:
        for dotted in EDITOR_PERMISSIONS:
            app_label, codename = dotted.split(".")
            editor.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0004_page_watch"),
        ("claims", "0003_soft_delete_flags_withdrawal"),
        ("history", "0001_history_entry"),
        ("axes", "0010_accessattemptexpiration"),
        ("accounts", "0003_drop_cleartext_authtoken_keys"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
