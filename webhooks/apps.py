from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from accounts.views import PROFILE_NOTICE_PROVIDERS
        from webhooks.selectors import paused_notices

        if paused_notices not in PROFILE_NOTICE_PROVIDERS:
            PROFILE_NOTICE_PROVIDERS.append(paused_notices)
