"""Admin forms for medical content: clean Markdown, sane dates, friendly messages."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.models import (
    Drug,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Topic,
)
from education.rendering import sanitize_markdown
from education.services import DEFAULT_REVIEW_INTERVAL
from ros1site.forms import WebLinkField, https_formfield


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


SLUG_TAKEN = _(
    "Another item already uses this web address. Choose a different one, e.g. add a word."
)
SLUG_INVALID = _("Use lowercase letters, digits and single hyphens only, e.g. 'blood-clots'.")
SLUG_MESSAGES = {"unique": SLUG_TAKEN, "invalid": SLUG_INVALID}


class MarkdownCleaningForm(forms.ModelForm):
    """Strips anything that could run in a patient's browser from Markdown fields.

    Cleaning on save means what is stored is already safe; pages clean again
    when they render.
    """

    markdown_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        # Labels of the fields that lost markup, so the admin can say so.
        self.sanitized_fields: list[str] = []
        for name in self.markdown_fields:
            if isinstance(cleaned.get(name), str):
                # Browsers send CRLF; the sanitiser answers LF. Neither is markup.
                original = normalize_newlines(cleaned[name]).strip()
                cleaned[name] = sanitize_markdown(original).strip()
                if html.unescape(cleaned[name]) != html.unescape(original):
                    self.sanitized_fields.append(str(self.fields[name].label))
        return cleaned


class TopicForm(MarkdownCleaningForm):
    markdown_fields = ("summary",)

    class Meta:
        model = Topic
        fields = ["title", "slug", "summary", "order"]
        error_messages = {"slug": SLUG_MESSAGES}
        help_texts = {
            "slug": _("The end of the page's web address, e.g. 'treatment-options'."),
            "summary": _("A sentence or two shown under the title. Markdown allowed."),
            "order": _("Lower numbers come first in the list of topics."),
        }


class SectionForm(MarkdownCleaningForm):
    markdown_fields = ("body",)

    class Meta:
        model = Section
        fields = ["topic", "title", "slug", "body", "drugs", "order"]
        error_messages = {
            "slug": {"invalid": SLUG_INVALID},
            NON_FIELD_ERRORS: {
                "unique_together": _(
                    "This topic already has a section with this anchor. Choose a different one."
                )
            },
        }
        help_texts = {
            "body": _(
                "Markdown: **bold**, *italic*, '- ' for a list, [text](https://...) for a link. "
                "Scripts and embedded pages are removed when you save."
            ),
            "order": _("Lower numbers come first within the topic."),
        }

    def clean(self):
        cleaned = super().clean()
        # Checked here, with a plain message, also when the topic is read-only.
        topic = cleaned.get("topic") or getattr(self.instance, "topic", None)
        slug = cleaned.get("slug") or self.instance.slug
        if topic is not None and slug:
            clash = Section.objects.filter(topic=topic, slug=slug).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "slug" if "slug" in self.fields else None,
                    _("This topic already has a section with this anchor. Choose a different one."),
                )
        return cleaned


class DrugForm(MarkdownCleaningForm):
    markdown_fields = ("summary",)

    class Meta:
        model = Drug
        fields = [
            "generic_name",
            "slug",
            "brand_names",
            "other_names",
            "drug_class",
            "rating",
            "treats_brain",
            "warning",
            "summary",
            "order",
        ]
        error_messages = {"slug": SLUG_MESSAGES}
        help_texts = {
            "slug": _(
                "The end of the drug page's web address, e.g. 'entrectinib'. Patients' journals "
                "refer to it, so it cannot change once the drug is published."
            ),
        }


class SideEffectTermForm(forms.ModelForm):
    class Meta:
        model = SideEffectTerm
        fields = [
            "patient_term",
            "ctcae_term",
            "description",
            "slug",
            "order",
            "checkin",
            "takes_frequency",
            "takes_severity",
            "takes_interference",
        ]
        error_messages = {"slug": SLUG_MESSAGES}

    def clean(self):
        cleaned = super().clean()
        takes = any(cleaned.get(f"takes_{a}") for a in ("frequency", "severity", "interference"))
        if cleaned.get("checkin") and not takes:
            # A check-in item must be rated on something (sync-protocol.md §7).
            self.add_error(
                "checkin",
                _("A term asked in the check-in needs at least one attribute to be rated on."),
            )
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "group", "slug", "order"]
        error_messages = {"slug": SLUG_MESSAGES}


def _not_in_future(value: date | None, message: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(message, code="future_date")


class SourceForm(forms.ModelForm):
    url = WebLinkField(
        label=_("URL"), max_length=500, required=False,
        help_text=_("The full address, starting with https://"),
    )  # fmt: skip
    # Longer than stored, so that "PMID: 123" or a doi.org link can be cleaned.
    doi = forms.CharField(
        label=_("DOI"),
        max_length=300,
        required=False,
        help_text=_("e.g. 10.1056/NEJMoa1406766 (a doi.org link is fine too)"),
    )
    pmid = forms.CharField(
        label=_("PMID"),
        max_length=40,
        required=False,
        help_text=_("The PubMed number, e.g. 25264305"),
    )

    class Meta:
        model = Source
        fields = [
            "title", "publisher", "url", "doi", "pmid", "published_on", "supports", "checked_on",
        ]  # fmt: skip
        formfield_callback = https_formfield
        help_texts = {
            "published_on": _("When it was published or last updated, if it says."),
            "checked_on": _("The day you last checked that it still says this."),
        }

    def clean_doi(self) -> str:
        doi = self.cleaned_data.get("doi", "").strip()
        return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)

    def clean_pmid(self) -> str:
        pmid = self.cleaned_data.get("pmid", "").strip()
        return re.sub(r"^pmid:?\s*", "", pmid, flags=re.IGNORECASE)

    def clean_published_on(self) -> date | None:
        value = self.cleaned_data.get("published_on")
        _not_in_future(value, _("The date published cannot be in the future."))
        return value

    def clean_checked_on(self) -> date | None:
        value = self.cleaned_data.get("checked_on")
        _not_in_future(value, _("The date last checked cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        findable = any(cleaned.get(k) for k in ("url", "doi", "pmid"))
        # A named, dated publication (a leaflet, a dated page) can be found too.
        dated = bool(cleaned.get("publisher") and cleaned.get("published_on"))
        if not self.errors and not findable and not dated:
            raise ValidationError(
                _(
                    "Give a URL, a DOI or a PMID, so that readers can find this source, or, "
                    "for a publication without a link, its publisher and the date it was "
                    "published."
                )
            )
        return cleaned


class RegulatoryFactForm(forms.ModelForm):
    source_url = WebLinkField(label=_("source link"), max_length=500, required=False)

    class Meta:
        model = RegulatoryFact
        fields = [
            "agency", "description", "date", "date_precision", "as_of", "source_title",
            "source_url",
        ]  # fmt: skip

    def clean_date(self) -> date | None:
        value = self.cleaned_data.get("date")
        _not_in_future(value, _("This date is in the future. Enter the date on which it happened."))
        return value

    def clean_as_of(self) -> date | None:
        value = self.cleaned_data.get("as_of")
        _not_in_future(value, _("The date checked cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("source_url") and not cleaned.get("source_title"):
            self.add_error("source_title", _("Name the source that the link leads to."))
        return cleaned


def default_next_review_due() -> date:
    return timezone.localdate() + DEFAULT_REVIEW_INTERVAL


class MarkReviewedForm(forms.Form):
    """The reviewer confirms a review; it is dated now and due again in 12 months by default."""

    next_review_due = forms.DateField(
        label=_("Next review due"),
        help_text=_("Twelve months from today unless you choose another date."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. which guideline version you checked against."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_review_due"].initial = default_next_review_due()
        tomorrow = timezone.localdate() + timedelta(days=1)
        self.fields["next_review_due"].widget.attrs["min"] = tomorrow.isoformat()

    def clean_next_review_due(self) -> date:
        due = self.cleaned_data["next_review_due"]
        today = timezone.localdate()
        if due <= today:
            raise ValidationError(_("The next review must be due after today."))
        if due > today + timedelta(days=5 * 366):
            raise ValidationError(_("Choose a date within the next five years."))
        return due
