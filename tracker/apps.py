from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tracker.authentication import clear_account_failures

        user_logged_in.connect(
            clear_account_failures, dispatch_uid="tracker.clear_account_failures"
        )
