"""Medical content: topics, sections, drugs, side-effect terms, questions.

Every content item keeps two things apart: the working copy that reviewers
edit in the admin, and `published`, a snapshot of the patient-facing fields
taken when a second reviewer approved it. Patients only ever see snapshots,
so an edit in progress never reaches them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase letters, digits and single hyphens only, e.g. 'blood-clots'."),
)


class ChildrenHistory(models.Model):
    """Adds to a historical record the child rows (sources, regulatory facts) as they
    were at that version, so that history and restore never lose them."""

    children = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class ContentItem(models.Model):
    """Fields shared by every reviewed content item."""

    # Names of the fields copied into the published snapshot; set per model.
    snapshot_fields: tuple[str, ...] = ()

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published = models.JSONField(_("published copy"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved and published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    search_text = models.TextField(default="", blank=True, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_edited_at = models.DateTimeField(
        _("last edited at"), null=True, blank=True, editable=False
    )
    # Ids of everyone who edited the working copy since it was last published:
    # none of them may approve it (the two-person rule).
    draft_editor_ids = models.JSONField(default=list, blank=True, editable=False)
    # The medical review stamp shown to patients. It applies to the published
    # copy; publishing changed content clears it until someone reviews again.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last medically reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(
        _("last medically reviewed at"), null=True, blank=True, editable=False
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    seeded = models.BooleanField(
        _("seeded"),
        default=False,
        editable=False,
        help_text=_("Loaded from the seed content and not yet changed by a reviewer."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published is not None

    @property
    def has_unpublished_changes(self) -> bool:
        from education.services import content_snapshot

        return self.published != content_snapshot(item=self)


class Topic(ContentItem):
    snapshot_fields = ("title", "summary", "order")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary (Markdown)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("education:topic", kwargs={"slug": self.slug})


class Drug(ContentItem):
    snapshot_fields = (
        "generic_name",
        "brand_names",
        "other_names",
        "drug_class",
        "rating",
        "treats_brain",
        "warning",
        "summary",
        "order",
    )

    class DrugClass(models.TextChoices):
        ROS1_TKI = "ros1_tki", _("ROS1 tyrosine kinase inhibitor (TKI)")
        ALK_TKI = "alk_tki", _("ALK tyrosine kinase inhibitor (TKI)")
        CHEMOTHERAPY = "chemotherapy", _("Chemotherapy")
        IMMUNOTHERAPY = "immunotherapy", _("Immune checkpoint inhibitor (immunotherapy)")

    class Rating(models.TextChoices):
        PREFERRED_FIRST_LINE = "preferred_first_line", _("Preferred first-line treatment")
        ALTERNATIVE = "alternative", _("Alternative treatment")
        LATER_LINE = "later_line", _("Later-line treatment")
        IN_TRIALS = "in_trials", _("Available in clinical trials")
        CHEMOTHERAPY_OPTION = "chemotherapy_option", _("Option when no ROS1 TKI is available")
        LESS_EFFECTIVE = "less_effective", _("Less effective than ROS1 TKIs")
        NOT_RECOMMENDED_ALONE = "not_recommended_alone", _("Not recommended on its own")
        DO_NOT_USE = "do_not_use", _("Does not work for ROS1+ cancer: do not use")

    class Brain(models.TextChoices):
        YES = "yes", _("Treats brain metastases")
        NO = "no", _("Does not treat the brain effectively")
        UNKNOWN = "unknown", _("Not stated")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    generic_name = models.CharField(_("generic name"), max_length=120)
    brand_names = models.CharField(
        _("brand names"), max_length=300, blank=True, help_text=_("Separate with commas.")
    )
    other_names = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Research codes or former names, separated with commas."),
    )
    drug_class = models.CharField(_("drug class"), max_length=32, choices=DrugClass.choices)
    rating = models.CharField(
        _("rating for ROS1+ lung cancer"), max_length=32, choices=Rating.choices
    )
    treats_brain = models.CharField(
        _("treats brain metastases"), max_length=8, choices=Brain.choices, default=Brain.UNKNOWN
    )
    warning = models.CharField(
        _("patient warning"),
        max_length=300,
        blank=True,
        help_text=_("Shown prominently wherever the drug appears, e.g. in the journal."),
    )
    summary = models.TextField(_("summary (Markdown)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(bases=[ChildrenHistory])

    class Meta:
        ordering = ["order", "generic_name"]
        verbose_name = _("drug")
        verbose_name_plural = _("drugs")

    def __str__(self) -> str:
        return self.generic_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("education:drug", kwargs={"slug": self.slug})

    @property
    def brand_list(self) -> list[str]:
        return [b.strip() for b in self.brand_names.split(",") if b.strip()]


class RegulatoryFact(models.Model):
    """A dated regulatory event, e.g. an FDA approval for ROS1+ NSCLC."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    drug = models.ForeignKey(Drug, on_delete=models.CASCADE, related_name="regulatory_facts")
    agency = models.CharField(_("agency"), max_length=80, help_text=_("e.g. FDA, EMA, NCCN"))
    description = models.CharField(_("what happened"), max_length=300)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=Precision.choices, default=Precision.MONTH
    )
    as_of = models.DateField(
        _("checked on"), null=True, blank=True, help_text=_("The day someone last checked it.")
    )
    source_title = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("e.g. the FDA's approval notice")
    )
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("regulatory fact")
        verbose_name_plural = _("regulatory facts")

    def __str__(self) -> str:
        return f"{self.agency}: {self.description}"


class Section(ContentItem):
    snapshot_fields = ("title", "body", "order")

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="sections")
    slug = models.SlugField(
        _("anchor"),
        max_length=80,
        validators=[slug_validator],
        help_text=_("Stable link to this section within its topic; avoid changing it."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body (Markdown)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    drugs = models.ManyToManyField(
        Drug, blank=True, related_name="sections", verbose_name=_("drugs discussed")
    )
    history = HistoricalRecords(m2m_fields=[drugs], bases=[ChildrenHistory])

    class Meta:
        ordering = ["topic__order", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="section_slug_unique_in_topic")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.topic.get_absolute_url()}#{self.slug}"


class Source(models.Model):
    """A reference that supports a section's or a drug's facts.

    A link, a DOI or a PMID lets readers find it; a named publication with a
    date (such as a printed leaflet or a dated web page) is a source too.
    """

    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="sources"
    )
    drug = models.ForeignKey(
        Drug, null=True, blank=True, on_delete=models.CASCADE, related_name="sources"
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, help_text=_("e.g. FDA, NEJM, The ROS1ders")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("A DOI looks like 10.1000/xyz123."))],
    )
    pmid = models.CharField(
        _("PMID"),
        max_length=12,
        blank=True,
        # [0-9], not \d: PubMed numbers are ASCII digits, and never start with 0.
        validators=[RegexValidator(r"^[1-9][0-9]{0,9}$", _("A PMID is a number, e.g. 31838007."))],
    )
    published_on = models.DateField(_("date published"), null=True, blank=True)
    supports = models.CharField(
        _("what it supports"),
        max_length=300,
        blank=True,
        help_text=_("Which facts here it backs, e.g. 'the approval date and response rates'."),
    )
    checked_on = models.DateField(_("date last checked"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(section__isnull=False, drug__isnull=True)
                | Q(section__isnull=True, drug__isnull=False),
                name="source_cites_one_item",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SideEffectTerm(ContentItem):
    snapshot_fields = (
        "patient_term",
        "ctcae_term",
        "description",
        "order",
        "checkin",
        "takes_frequency",
        "takes_severity",
        "takes_interference",
    )

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    patient_term = models.CharField(_("patient wording"), max_length=120)
    ctcae_term = models.CharField(_("CTCAE term"), max_length=120)
    description = models.CharField(_("plain explanation"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # The weekly check-in (sync-protocol.md §7). Which attributes a term is
    # rated on follows its item in the NCI's PRO-CTCAE item library; a term
    # with none there (a blood test, a presence-only item such as rash) is
    # not rated in a check-in.
    checkin = models.BooleanField(
        _("asked in the weekly check-in"),
        default=False,
        help_text=_(
            "The check-in asks about it by default. It needs at least one attribute below."
        ),
    )
    takes_frequency = models.BooleanField(
        _("rated on how often (PRO-CTCAE frequency)"), default=False
    )
    takes_severity = models.BooleanField(_("rated on how bad (PRO-CTCAE severity)"), default=False)
    takes_interference = models.BooleanField(
        _("rated on how much it got in the way (PRO-CTCAE interference)"), default=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "patient_term"]
        verbose_name = _("side-effect term")
        verbose_name_plural = _("side-effect terms")

    def __str__(self) -> str:
        return self.patient_term


class Question(ContentItem):
    snapshot_fields = ("text", "group", "order")

    class Group(models.TextChoices):
        NEWLY_DIAGNOSED = "newly_diagnosed", _("When you are newly diagnosed")
        AFTER_PROGRESSION = "after_progression", _("When your cancer has grown again")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    text = models.CharField(_("question"), max_length=500)
    group = models.CharField(_("group"), max_length=32, choices=Group.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "order", "slug"]
        verbose_name = _("question to ask")
        verbose_name_plural = _("questions to ask")

    def __str__(self) -> str:
        return self.text


class MedicalReview(models.Model):
    """Append-only record of who medically reviewed what, and when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="medical_reviews"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"))
    next_review_due = models.DateField(_("next review due"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("medical review")
        verbose_name_plural = _("medical reviews")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.item} reviewed by {self.reviewer} on {self.reviewed_at:%Y-%m-%d}"


class CatalogState(models.Model):
    """Single row: the content version that offline copies compare against."""

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalogue version")

    def __str__(self) -> str:
        return f"Catalogue version {self.version}"
