from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Articles and claims")

    def ready(self) -> None:
        from django.conf import settings

        from claims.extraction import learned

        # Loaded lazily on first use; a missing file means the rule scorer, with a logged notice.
        learned.configure(settings.CHECKWORTHY_MODEL)
