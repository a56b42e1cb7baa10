from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from accounts.views import PROFILE_NOTICE_PROVIDERS
        from factcheck.lib.events import register_listener_check
        from webhooks.selectors import event_has_subscribers, paused_notices

        register_listener_check(event_has_subscribers)

        if paused_notices not in PROFILE_NOTICE_PROVIDERS:
            PROFILE_NOTICE_PROVIDERS.append(paused_notices)
