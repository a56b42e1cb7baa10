from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Sources and archives")

    def ready(self) -> None:
        # The new-article form (claims) imports a link through this app without importing it.
        from factcheck.lib import fts
        from factcheck.lib.hooks import register_article_importer
        from sources.imports import article_import_from_url

        register_article_importer(article_import_from_url)
        fts.register("sources_snapshot", ["title", "extracted_text"])
