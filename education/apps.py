from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = _("Medical content")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from education.services import record_children_in_history

        # Sent by every historical model; the receiver acts on those with children.
        pre_create_historical_record.connect(
            record_children_in_history, dispatch_uid="education-children-history"
        )
