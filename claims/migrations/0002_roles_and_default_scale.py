"""Roles as groups (reviewer, editor, admin) and the default rating scale."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Permissions by role. Reviewers work claims and evidence; editors also approve
# and publish and manage rating scales; admins can do everything in the app.
ROLE_PERMISSIONS = {
    "reviewer": [
        "claims.view_article", "claims.add_article", "claims.change_article",
        "claims.view_claim", "claims.change_claim",
        "claims.view_verdict", "claims.add_verdict",
        "claims.view_rating", "claims.view_ratingscale",
        "sources.view_source", "sources.add_source",
        "sources.view_snapshot", "sources.add_snapshot",
        "sources.view_evidence", "sources.add_evidence", "sources.change_evidence",
    ],
    "editor": [
        "claims.view_article", "claims.add_article", "claims.change_article", "claims.delete_article",
        "claims.view_claim", "claims.add_claim", "claims.change_claim", "claims.delete_claim",
        "claims.view_verdict", "claims.add_verdict", "claims.change_verdict",
        "claims.view_rating", "claims.add_rating", "claims.change_rating",
        "claims.view_ratingscale", "claims.add_ratingscale", "claims.change_ratingscale",
        "sources.view_source", "sources.add_source", "sources.change_source",
        "sources.view_snapshot", "sources.add_snapshot",
        "sources.view_evidence", "sources.add_evidence", "sources.change_evidence", "sources.delete_evidence",
    ],
}
ADMIN_APPS = ["claims", "sources", "auth"]

DEFAULT_SCALE = "Default"
DEFAULT_RATINGS = [
    ("True", 5, "The claim is accurate and nothing significant is missing."),
    ("Mostly true", 4, "Accurate but needs clarification or additional information."),
    ("Misleading", 3, "Contains accurate elements but leaves a false impression."),
    ("Mostly false", 2, "Contains an element of truth but ignores critical facts."),
    ("False", 1, "The claim is inaccurate."),
    ("Unverifiable", 0, "The available evidence can neither confirm nor refute it."),
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    admin, _ = Group.objects.get_or_create(name="admin")
    admin.permissions.add(*Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["reviewer", "editor", "admin"]).delete()


def create_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    Rating = apps.get_model("claims", "Rating")
    scale, _ = RatingScale.objects.get_or_create(name=DEFAULT_SCALE, defaults={"is_default": True})
    for label, value, description in DEFAULT_RATINGS:
        Rating.objects.get_or_create(scale=scale, label=label, defaults={"value": value, "description": description})


def remove_default_scale(apps, schema_editor):
    apps.get_model("claims", "RatingScale").objects.filter(name=DEFAULT_SCALE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # DRF authtoken was a dependency until hashed API tokens (accounts) replaced it.
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(create_default_scale, remove_default_scale),
    ]
