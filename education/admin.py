"""The medical reviewers' admin.

Every save is a draft: patients keep seeing the last published snapshot until
a second reviewer approves and publishes (`education.services`). History shows
what changed in plain words, and any earlier version can be restored as a new
draft.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from accounts.forms import EmailAdminAuthenticationForm
from education import services
from education.admin_views import (
    CONTENT_MODELS,
    content_version,
    current_version,
    field_changes,
    history_entries,
    items_due_for_review,
    items_needing_checks,
    version_of,
)
from education.forms import (
    DrugForm,
    MarkReviewedForm,
    QuestionForm,
    RegulatoryFactForm,
    SectionForm,
    SideEffectTermForm,
    SourceForm,
    TopicForm,
)
from education.models import (
    ContentItem,
    Drug,
    MedicalReview,
    Question,
    RegulatoryFact,
    Section,
    SideEffectTerm,
    Source,
    Status,
    Topic,
)
from education.readability import TARGET_GRADE, reading_grade
from ros1site.forms import URL_FIELD_OVERRIDES

admin.site.site_header = _("ROS1 Companion: medical content")
admin.site.site_title = _("ROS1 Companion admin")
admin.site.index_title = _("Medical content")
admin.site.index_template = "admin/education/index.html"
admin.site.login_template = "admin/education/login.html"
admin.site.login_form = EmailAdminAuthenticationForm


def _when(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "DATE_FORMAT")


def _name(user) -> str:
    if user is None:
        return gettext("someone no longer registered")
    return user.get_full_name() or user.get_username()


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or gettext("You are not allowed to do that.")


def preview_url(item: ContentItem) -> str | None:
    """The public page that shows this item, with the reviewers' preview switched on."""
    if isinstance(item, Section):
        return f"{item.topic.get_absolute_url()}?preview=1#{item.slug}"
    if isinstance(item, (Topic, Drug)):
        return f"{item.get_absolute_url()}?preview=1"
    if isinstance(item, Question):
        return f"{reverse('education:questions')}?preview=1#{item.slug}"
    return None  # Side-effect terms only appear inside patients' journals.


def _status_after_restore(obj: ContentItem, version: dict[str, Any]) -> str:
    """A restore makes a draft, unless it brings back exactly what patients see."""
    published = obj.published
    if published is not None and all(version.get(k) == v for k, v in published.items()):
        return Status.PUBLISHED.label
    return Status.DRAFT.label


def _saved_state(obj: ContentItem) -> dict[str, Any]:
    """What the database holds now, for the banner above the form."""
    return {
        "status": obj.get_status_display(),
        "published": obj.published is not None,
        "has_unpublished_changes": obj.has_unpublished_changes,
    }


class PublishedFilter(admin.SimpleListFilter):
    title = _("shown to patients")
    parameter_name = "shown"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(published__isnull=False)
        if self.value() == "no":
            return queryset.filter(published__isnull=True)
        return queryset


class DueForReviewFilter(admin.SimpleListFilter):
    title = _("medical review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("due", _("Due for review (overdue or never reviewed)")),
            ("overdue", _("Overdue")),
            ("never", _("Never reviewed")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        published = queryset.filter(published__isnull=False)
        if self.value() == "due":
            return published.filter(Q(reviewed_at__isnull=True) | Q(next_review_due__lt=today))
        if self.value() == "overdue":
            return published.filter(next_review_due__lt=today)
        if self.value() == "never":
            return published.filter(reviewed_at__isnull=True)
        return queryset


WORKFLOW_COLUMNS = (
    "status",
    "shown_to_patients_column",
    "unpublished_changes_column",
    "last_edited_by_column",
    "last_review_column",
    "next_review_due",
)
WORKFLOW_FIELDS = (
    "status",
    "shown_to_patients",
    "unpublished_changes",
    "last_edit",
    "last_review",
    "next_review_due",
    "preview",
)


class ContentAdmin(SimpleHistoryAdmin):
    """Shared by every content model: drafts, two-person publishing, review stamps."""

    change_form_template = "admin/education/content_change_form.html"
    change_list_template = "admin/education/content_change_list.html"
    object_history_template = "admin/education/object_history.html"
    list_filter: tuple[Any, ...] = ("status", PublishedFilter, DueForReviewFilter)
    list_per_page = 50
    save_on_top = True
    actions = ["submit_selected", "publish_selected", "mark_selected_reviewed", "withdraw_selected"]
    content_fields: tuple[str, ...] = ()
    # The Markdown field whose reading grade the editor shows as the reviewer types.
    graded_field = ""
    # Fields that are part of a published item's web address.
    address_fields: tuple[str, ...] = ("slug",)

    # ----- the change form -----

    def get_fieldsets(self, request, obj=None):
        fieldsets: list[tuple[Any, dict[str, Any]]] = [(None, {"fields": self.content_fields})]
        if obj is not None:
            fieldsets.append((_("Publication and medical review"), {"fields": WORKFLOW_FIELDS}))
        return fieldsets

    class Media:
        js = ["js/admin-reading-grade.js"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(WORKFLOW_FIELDS)
        if self.graded_field:
            readonly.append("reading_grade")
        if obj is not None and obj.published is not None:
            # Patients' bookmarks, offline copies and journals rely on it.
            readonly.extend(self.address_fields)
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {
            "preview_url": preview_url(obj) if obj else None,
            # Read before the form touches the object: a refused save changes nothing.
            "saved_state": _saved_state(obj) if obj else None,
        }
        extra.update(extra_context or {})
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def changelist_view(self, request, extra_context=None):
        extra = {"due_for_review_url": reverse("admin:education_medicalreview_due")}
        extra.update(extra_context or {})
        return super().changelist_view(request, extra_context=extra)

    def save_model(self, request, obj, form, change):
        # One history entry per save, written by content_record_edit once the
        # drugs and sources are saved too.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        obj.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del obj.skip_history_when_saving
        if change and not form.has_changed() and not any(fs.has_changed() for fs in formsets):
            return
        services.content_record_edit(item=obj, editor=request.user)
        for label in getattr(form, "sanitized_fields", []):
            self.message_user(
                request,
                gettext(
                    "Some markup was removed from “%(field)s” because it could run code in "
                    "patients' browsers (scripts, event handlers, javascript: links or embedded "
                    "pages). Check the text."
                )
                % {"field": label},
                messages.WARNING,
            )
        if obj.has_unpublished_changes:
            if obj.published is None:
                text = _(
                    "Saved as a draft. Patients will not see it until another medical reviewer "
                    "approves and publishes it."
                )
            else:
                text = _(
                    "Saved as a draft. Patients still see the published version until another "
                    "medical reviewer approves and publishes your changes."
                )
            self.message_user(request, text, messages.INFO)

    def delete_model(self, request, obj):
        was_published = obj.published is not None
        super().delete_model(request, obj)
        if was_published:
            # Offline copies must learn that it is gone.
            services.catalog_version_bump()

    def delete_queryset(self, request, queryset):
        was_published = queryset.filter(published__isnull=False).exists()
        super().delete_queryset(request, queryset)
        if was_published:
            services.catalog_version_bump()

    # ----- read-only fields and list columns -----

    @admin.display(description=_("reading grade"))
    def reading_grade(self, obj):
        text = getattr(obj, self.graded_field, "") if obj is not None else ""
        return format_html(
            '<output class="reading-grade" data-source="id_{}" data-url="{}" aria-live="polite">'
            "{}</output>",
            self.graded_field,
            reverse("admin:education_reading_grade"),
            reading_grade_text(reading_grade(text)),
        )

    @admin.display(description=_("shown to patients"))
    def shown_to_patients(self, obj):
        if obj.published is None:
            return gettext("No, patients do not see this item.")
        return gettext("Yes, published on %(date)s, approved by %(name)s.") % {
            "date": _when(obj.published_at),
            "name": _name(obj.published_by) if obj.published_by_id else gettext("the seed loader"),
        }

    @admin.display(description=_("unpublished changes"))
    def unpublished_changes(self, obj):
        if not obj.has_unpublished_changes:
            return gettext("None.")
        if obj.published is None:
            return gettext("Never published: a second reviewer must approve and publish it.")
        return gettext(
            "Yes. Patients still see the version published on %(date)s until another reviewer "
            "approves and publishes the changes."
        ) % {"date": _when(obj.published_at)}

    @admin.display(description=_("last edited"))
    def last_edit(self, obj):
        if obj.last_edited_at is None:
            return gettext("Not edited here yet.")
        return gettext("%(date)s by %(name)s") % {
            "date": _when(obj.last_edited_at),
            "name": _name(obj.last_edited_by),
        }

    @admin.display(description=_("last medically reviewed"))
    def last_review(self, obj):
        if obj.reviewed_at is None:
            return gettext("Never (patients see 'Awaiting medical review').")
        return gettext("%(date)s by %(name)s") % {
            "date": _when(obj.reviewed_at),
            "name": _name(obj.reviewed_by),
        }

    @admin.display(description=_("preview"))
    def preview(self, obj):
        url = preview_url(obj)
        if url is None:
            return gettext("This item has no page of its own; patients see it in their journal.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            url,
            gettext("Preview as patients will see it (opens a new tab)"),
        )

    @admin.display(description=_("shown to patients"), boolean=True)
    def shown_to_patients_column(self, obj):
        return obj.published is not None

    @admin.display(description=_("unpublished changes"), boolean=True)
    def unpublished_changes_column(self, obj):
        return obj.has_unpublished_changes

    @admin.display(description=_("last edited by"), ordering="last_edited_at")
    def last_edited_by_column(self, obj):
        return _name(obj.last_edited_by) if obj.last_edited_at else "—"

    @admin.display(description=_("last reviewed"), ordering="reviewed_at")
    def last_review_column(self, obj):
        if obj.reviewed_at is None:
            return gettext("Never")
        return f"{_when(obj.reviewed_at)} ({_name(obj.reviewed_by)})"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("last_edited_by", "reviewed_by", "published_by")
        )

    # ----- workflow: one service call each -----

    def _perform(self, request, obj, action: str, form: MarkReviewedForm | None = None) -> str:
        if action == "submit":
            services.content_submit_for_review(item=obj, user=request.user)
            return gettext(
                "“%(item)s” was submitted for review. Another medical reviewer can now approve "
                "and publish it."
            ) % {"item": obj}
        if action == "publish":
            had_stamp = obj.reviewed_at is not None
            services.content_publish(item=obj, publisher=request.user)
            text = gettext("“%(item)s” was published. Patients now see this version.") % {
                "item": obj
            }
            if had_stamp and obj.reviewed_at is None:
                text += " " + gettext(
                    "Its medical review stamp was cleared because the content changed; mark it "
                    "as medically reviewed once it has been checked."
                )
            return text
        if action == "withdraw":
            services.content_unpublish(item=obj, user=request.user)
            return gettext(
                "“%(item)s” was withdrawn. Patients no longer see it; the text is kept as a draft."
            ) % {"item": obj}
        if action == "review":
            assert form is not None
            services.content_mark_reviewed(
                item=obj,
                reviewer=request.user,
                next_review_due=form.cleaned_data["next_review_due"],
                note=form.cleaned_data["note"],
            )
            return gettext(
                "“%(item)s” was marked as medically reviewed today. Next review due on %(date)s."
            ) % {"item": obj, "date": _when(obj.next_review_due)}
        raise Http404

    def _bulk(self, request, queryset, action: str, form: MarkReviewedForm | None = None) -> None:
        done = 0
        for obj in queryset:
            try:
                self._perform(request, obj, action, form)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, f"“{obj}”: {_error_text(exc)}", messages.ERROR)
            else:
                done += 1
        if done:
            labels = {
                "submit": _("Submitted %(count)d item(s) for review."),
                "publish": _("Published %(count)d item(s). Patients now see them."),
                "withdraw": _("Withdrew %(count)d item(s) from patients."),
                "review": _("Marked %(count)d item(s) as medically reviewed."),
            }
            self.message_user(request, labels[action] % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Submit selected items for review"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(description=_("Approve and publish selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, "publish")

    @admin.action(description=_("Withdraw selected items from patients"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._bulk(request, queryset, "withdraw")

    @admin.action(
        description=_("Mark selected items as medically reviewed…"), permissions=["change"]
    )
    def mark_selected_reviewed(self, request, queryset):
        form = MarkReviewedForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._bulk(request, queryset, "review", form)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Mark as medically reviewed"),
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "action_name": "mark_selected_reviewed",
        }
        return TemplateResponse(request, "admin/education/mark_reviewed_action.html", context)

    # ----- extra pages: workflow confirmations, history and revert -----

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"

        def view(fn):
            return self.admin_site.admin_view(fn)

        own = [
            path("<path:object_id>/submit/", view(self.submit_view), name=f"{prefix}_submit"),
            path("<path:object_id>/publish/", view(self.publish_view), name=f"{prefix}_publish"),
            path("<path:object_id>/withdraw/", view(self.withdraw_view), name=f"{prefix}_withdraw"),
            path("<path:object_id>/review/", view(self.review_view), name=f"{prefix}_review"),
            # Replaces simple-history's own revert form, which would save the
            # old version straight over the working copy, outside our drafts.
            path(
                "<path:object_id>/history/<int:history_id>/",
                view(self.revert_view),
                name=f"{prefix}_simple_history",
            ),
        ]
        theirs = [
            u for u in super().get_urls() if getattr(u, "name", "") != f"{prefix}_simple_history"
        ]
        return own + theirs

    def _object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(gettext("This item does not exist (it may have been deleted)."))
        return obj

    def _change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def _workflow_view(self, request, object_id, action: str):
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = None
        if action == "review":
            form = MarkReviewedForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                text = self._perform(request, obj, action, form)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, _error_text(exc), messages.ERROR)
            else:
                self.message_user(request, text, messages.SUCCESS)
            return HttpResponseRedirect(self._change_url(obj))
        titles = {
            "submit": _("Submit for review"),
            "publish": _("Approve and publish"),
            "withdraw": _("Withdraw from patients"),
            "review": _("Mark as medically reviewed"),
        }
        blocked = None
        if action in {"publish", "submit"} and not obj.has_unpublished_changes:
            blocked = gettext("Nothing to do: patients already see the current version.")
        elif action == "withdraw" and obj.published is None:
            blocked = gettext("Patients do not see this item, so there is nothing to withdraw.")
        elif action == "publish" and not services.content_may_publish(item=obj, user=request.user):
            blocked = services.two_person_rule_message()
        if action == "review" and obj.published is None:
            blocked = gettext("Publish this item before marking it as medically reviewed.")
        elif action == "review" and obj.has_unpublished_changes:
            blocked = gettext(
                "This item has unpublished changes. Publish or revert them first, so that the "
                "review applies to what patients see."
            )
        changes = []
        if action in {"publish", "submit"}:
            changes = field_changes(
                model=type(obj),
                old=obj.published or {},
                new=services.content_snapshot(item=obj),
            )
        context = {
            **self.admin_site.each_context(request),
            "title": titles[action],
            "action": action,
            "opts": self.opts,
            "object": obj,
            "form": form,
            "changes": changes,
            "blocked": blocked,
            "preview_url": preview_url(obj),
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/education/workflow_confirm.html", context)

    def submit_view(self, request, object_id):
        return self._workflow_view(request, object_id, "submit")

    def publish_view(self, request, object_id):
        return self._workflow_view(request, object_id, "publish")

    def withdraw_view(self, request, object_id):
        return self._workflow_view(request, object_id, "withdraw")

    def review_view(self, request, object_id):
        return self._workflow_view(request, object_id, "review")

    def history_view(self, request, object_id, extra_context=None):
        obj = self._object_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History of “%(item)s”") % {"item": obj},
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "entries": history_entries(item=obj),
            "can_revert": self.has_change_permission(request, obj),
        }
        context.update(extra_context or {})
        return TemplateResponse(request, self.object_history_template, context)

    def revert_view(self, request, object_id, history_id):
        obj = self._object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        record = obj.history.filter(history_id=history_id).first()
        if record is None:
            raise Http404(gettext("That version does not exist for this item."))
        when = _when(record.history_date)
        if request.method == "POST":
            try:
                services.content_revert(item=obj, history_id=record.history_id, editor=request.user)
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, _error_text(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext(
                        "The version of %(date)s was restored as a draft. Patients still see the "
                        "published version until another medical reviewer approves and "
                        "publishes it."
                    )
                    % {"date": when},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Restore an earlier version"),
            "opts": self.opts,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "record": record,
            # Only the content: restoring always makes a draft, whatever the
            # status was at that version.
            "changes": field_changes(
                model=type(obj),
                old=content_version(current_version(item=obj)),
                new=content_version(version_of(item=obj, record=record)),
            ),
            "status_after": _status_after_restore(obj, version_of(item=obj, record=record)),
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/education/revert_confirm.html", context)


def reading_grade_text(grade: float | None) -> str:
    if grade is None:
        return gettext("Write a few sentences to see their reading grade.")
    if grade <= TARGET_GRADE:
        verdict = gettext("within the site's target of grade %(target)s or below")
    else:
        verdict = gettext("above the site's target of grade %(target)s: use shorter sentences "
                          "and plainer words")  # fmt: skip
    return gettext("Grade %(grade)s (Flesch-Kincaid), %(verdict)s.") % {
        "grade": formats.number_format(grade, 1),
        "verdict": verdict % {"target": formats.number_format(TARGET_GRADE, 0)},
    }


READING_GRADE_MAX_CHARS = 20_000


@require_POST
def reading_grade_view(request):
    """Recomputes the reading grade of the text a reviewer is typing."""
    if not request.user.is_active or not request.user.is_staff:
        raise PermissionDenied
    # Markdown takes time that grows faster than the text: a section is far
    # shorter than this, and a longer paste is graded on its beginning.
    text = request.POST.get("text", "")[:READING_GRADE_MAX_CHARS]
    grade = reading_grade(text)
    return JsonResponse({"grade": grade, "text": reading_grade_text(grade)})


class SourceInline(admin.StackedInline):
    model = Source
    form = SourceForm
    extra = 1
    formfield_overrides = URL_FIELD_OVERRIDES
    verbose_name = _("source")
    fieldsets = [
        (None, {"fields": ["title", "publisher", ("url", "doi", "pmid"),
                           ("published_on", "checked_on"), "supports"]}),
    ]  # fmt: skip


class SectionSourceInline(SourceInline):
    fk_name = "section"
    verbose_name_plural = _("sources this section cites")


class DrugSourceInline(SourceInline):
    fk_name = "drug"
    verbose_name_plural = _("sources for this medicine's facts")


class RegulatoryFactInline(admin.StackedInline):
    model = RegulatoryFact
    form = RegulatoryFactForm
    extra = 1
    fieldsets = [
        (None, {"fields": ["agency", "description", ("date", "date_precision"),
                           ("source_title", "source_url"), "as_of"]}),
    ]  # fmt: skip


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    form = TopicForm
    graded_field = "summary"
    content_fields = ("title", "slug", "summary", "reading_grade", "order", "section_list")
    list_display = ("title", *WORKFLOW_COLUMNS)
    search_fields = ("title", "slug", "summary")
    prepopulated_fields = {"slug": ("title",)}

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "section_list"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            fields = ("title", "slug", "summary", "reading_grade", "order")
            fieldsets[0] = (None, {"fields": fields})
        return fieldsets

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.published is not None else self.prepopulated_fields

    @admin.display(description=_("sections"))
    def section_list(self, obj):
        add_url = reverse("admin:education_section_add") + f"?topic={obj.pk}"
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a></li>',
            (
                (reverse("admin:education_section_change", args=[s.pk]), s.title)
                for s in obj.sections.all()
            ),
        )
        return format_html(
            '<ol>{}</ol><a href="{}">{}</a>', rows, add_url, gettext("Add a section to this topic")
        )


@admin.register(Section)
class SectionAdmin(ContentAdmin):
    form = SectionForm
    graded_field = "body"
    content_fields = ("topic", "title", "slug", "body", "reading_grade", "drugs", "order")
    address_fields = ("slug", "topic")
    inlines = [SectionSourceInline]
    list_display = ("title", "topic", *WORKFLOW_COLUMNS)
    list_filter = ("topic", *ContentAdmin.list_filter)
    list_select_related = ("topic",)
    search_fields = ("title", "slug", "body")
    filter_horizontal = ()
    prepopulated_fields = {"slug": ("title",)}

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.published is not None else self.prepopulated_fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "drugs":
            from django.forms import CheckboxSelectMultiple

            kwargs["widget"] = CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Drug)
class DrugAdmin(ContentAdmin):
    form = DrugForm
    content_fields = (
        "generic_name",
        "slug",
        "brand_names",
        "other_names",
        "drug_class",
        "rating",
        "treats_brain",
        "warning",
        "summary",
        "reading_grade",
        "order",
    )
    graded_field = "summary"
    inlines = [RegulatoryFactInline, DrugSourceInline]
    list_display = ("generic_name", "brand_names", "rating", *WORKFLOW_COLUMNS)
    list_filter = ("drug_class", "rating", *ContentAdmin.list_filter)
    search_fields = ("generic_name", "brand_names", "other_names", "slug")
    prepopulated_fields = {"slug": ("generic_name",)}

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.published is not None else self.prepopulated_fields


@admin.register(SideEffectTerm)
class SideEffectTermAdmin(ContentAdmin):
    form = SideEffectTermForm
    content_fields = (
        "patient_term",
        "ctcae_term",
        "description",
        "slug",
        "order",
        "checkin",
        "takes_frequency",
        "takes_severity",
        "takes_interference",
    )
    list_display = ("patient_term", "ctcae_term", "checkin", *WORKFLOW_COLUMNS)
    list_filter = ("checkin", *ContentAdmin.list_filter)
    search_fields = ("patient_term", "ctcae_term", "slug")


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    form = QuestionForm
    content_fields = ("text", "group", "slug", "order")
    list_display = ("text", "group", *WORKFLOW_COLUMNS)
    list_filter = ("group", *ContentAdmin.list_filter)
    search_fields = ("text", "slug")


class ReviewedKindFilter(admin.SimpleListFilter):
    title = _("type of content")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(m._meta.model_name, capfirst(m._meta.verbose_name)) for m in CONTENT_MODELS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(
                content_type__app_label="education", content_type__model=self.value()
            )
        return queryset


@admin.register(MedicalReview)
class MedicalReviewAdmin(admin.ModelAdmin):
    """The append-only log of medical reviews, and the list of what is due."""

    list_display = ("item_link", "reviewer_name", "reviewed_at", "next_review_due", "note")
    list_select_related = ("content_type", "reviewer")
    list_filter = (ReviewedKindFilter,)
    date_hierarchy = "reviewed_at"
    change_list_template = "admin/education/medicalreview_change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reviewed by"), ordering="reviewer__last_name")
    def reviewer_name(self, obj):
        return _name(obj.reviewer)

    @admin.display(description=_("item"))
    def item_link(self, obj):
        model = obj.content_type.model
        url = reverse(f"admin:education_{model}_change", args=[obj.object_id])
        return format_html('<a href="{}">{}</a>', url, obj.item or gettext("(deleted)"))

    def get_urls(self):
        due = path(
            "due/",
            self.admin_site.admin_view(self.due_view),
            name="education_medicalreview_due",
        )
        needs_checking = path(
            "needs-checking/",
            self.admin_site.admin_view(self.needs_checking_view),
            name="education_needs_checking",
        )
        grade = path(
            "reading-grade/",
            self.admin_site.admin_view(reading_grade_view),
            name="education_reading_grade",
        )
        return [due, needs_checking, grade, *super().get_urls()]

    def _work_list(self, request, *, entries, title, template, **extra):
        """A list of items for reviewers to work through, each linked to its change form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        for entry in entries:
            meta = entry.item._meta
            entry.change_url = reverse(
                f"admin:{meta.app_label}_{meta.model_name}_change", args=[entry.item.pk]
            )
        context = {**self.admin_site.each_context(request), "title": title, "opts": self.opts,
                   "entries": entries, **extra}  # fmt: skip
        return TemplateResponse(request, template, context)

    def needs_checking_view(self, request):
        entries = items_needing_checks()
        return self._work_list(
            request, entries=entries, title=gettext("Needs checking"),
            template="admin/education/needs_checking.html", months=settings.CONTENT_CHECK_MONTHS,
        )  # fmt: skip

    def due_view(self, request):
        due = items_due_for_review()
        return self._work_list(
            request, entries=due, title=gettext("Due for medical review"),
            template="admin/education/due_for_review.html", due=due,
            status_published=Status.PUBLISHED,
        )  # fmt: skip
