from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        # The claim page (claims) shows the workflow panel this app provides, without importing it.
        from claims.extensions import register_claim_page_context
        from publishing.views import claim_page_context

        register_claim_page_context(claim_page_context)
