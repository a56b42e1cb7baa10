from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Articles and claims")

    def ready(self) -> None:
        from django.conf import settings
        from django.core import checks
        from django.db.models.signals import post_migrate

        from claims.extraction import learned
        from factcheck.lib import fts

        fts.register("claims_claim", ["text"])
        fts.register("claims_article", ["title", "body"])
        # SQLite table rebuilds (AlterField) drop the search triggers; put them back after migrate.
        post_migrate.connect(fts.repair_after_migrate, dispatch_uid="factcheck.fts.repair")
        checks.register(fts.check_indexes, checks.Tags.database)

        # Loaded lazily on first use; a missing file means the rule scorer, with a logged notice.
        learned.configure(settings.CHECKWORTHY_MODEL)
