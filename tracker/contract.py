"""Each journal collection's record, written once (sync-protocol.md §2).

Three things are made from the description below, and from nothing else:

- the server's checker, `tracker.validation.validate_record_data`;
- the record components of the OpenAPI schema (`CourseData` and the others,
  `tracker.schema`);
- the `contract` block of the public catalogue (`describe()`, served by
  `education.selectors.catalog_payload`), which the device's checker,
  static/js/validation.js, reads, so that a patient sees the same sentence
  whether the device or the server refused an entry.

A field is a `Field`: its type (`kind`), whether it is required, and, when
it is optional, whether it may be null; then its limits and its enumeration.
A `Rule` is a named check that a type cannot express (a stop date not before
its start date, ...), with its message. Adding a field is one `Field(...)`
line; adding a rule of an existing kind is one `Rule(...)` line with its
message. A new kind of field or rule also needs its check in both checkers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from education.models import slug_validator

TEXT_MAX = 5000
QUESTION_TEXT_MAX = 1000
DOSE_MAX = 100
SLUG_MAX = 200
# The shape of the education pages' slugs: the rule their admin enforces. The
# pattern is sent to the device as it is, so it must mean the same in JavaScript.
SLUG_RE = slug_validator.regex
OTHER = "other"

# The journal's enumerations, listed in the catalogue so that forms and the
# server agree. Labels are patient wording.
ENUMERATIONS: dict[str, list[dict[str, Any]]] = {
    "stop_reason": [
        {"value": "progression", "label": "The cancer grew (progression)"},
        {"value": "side_effects", "label": "Side effects"},
        {"value": "planned", "label": "Planned end of treatment"},
        {"value": "access", "label": "Cost or availability"},
        {"value": "patient_choice", "label": "My own choice"},
        {"value": "other", "label": "Other reason"},
    ],
    "modality": [
        {"value": "ct", "label": "CT scan"},
        {"value": "mri", "label": "MRI"},
        {"value": "pet_ct", "label": "PET-CT"},
        {"value": "pet", "label": "PET scan"},
        {"value": "xray", "label": "X-ray"},
        {"value": "ultrasound", "label": "Ultrasound"},
        {"value": "bone_scan", "label": "Bone scan"},
        {"value": "other", "label": "Other"},
    ],
    "site": [
        {"value": "chest", "label": "Chest and lungs"},
        {"value": "brain", "label": "Brain"},
        {"value": "liver", "label": "Liver"},
        {"value": "bone", "label": "Bones"},
        {"value": "adrenal", "label": "Adrenal glands"},
        {"value": "lymph_nodes", "label": "Lymph nodes"},
        {"value": "abdomen", "label": "Abdomen"},
        {"value": "other", "label": "Other"},
    ],
    "outcome": [
        {"value": "baseline", "label": "Baseline (first scan of a treatment)"},
        {"value": "no_evidence_of_disease", "label": "No evidence of disease (NED)"},
        {"value": "improved", "label": "Improved (shrinking)"},
        {"value": "stable", "label": "Stable"},
        {"value": "progressed", "label": "Progressed (growing)"},
        {"value": "mixed", "label": "Mixed"},
        {"value": "unknown", "label": "Not known yet"},
    ],
    "recist": [
        {"value": "CR", "label": "CR: complete response"},
        {"value": "PR", "label": "PR: partial response"},
        {"value": "SD", "label": "SD: stable disease"},
        {"value": "PD", "label": "PD: progressive disease"},
        {"value": "NE", "label": "NE: not evaluable"},
    ],
    "severity": [
        {"value": 1, "label": "Mild"},
        {"value": 2, "label": "Moderate"},
        {"value": 3, "label": "Severe"},
        {"value": 4, "label": "Very severe"},
    ],
    "interference": [
        {"value": 0, "label": "Not at all"},
        {"value": 1, "label": "A little bit"},
        {"value": 2, "label": "Somewhat"},
        {"value": 3, "label": "Quite a bit"},
        {"value": 4, "label": "Very much"},
    ],
    # The three PRO-CTCAE scales of a weekly check-in's items (sync-protocol.md §7).
    "frequency": [
        {"value": 0, "label": "Never"},
        {"value": 1, "label": "Rarely"},
        {"value": 2, "label": "Occasionally"},
        {"value": 3, "label": "Frequently"},
        {"value": 4, "label": "Almost constantly"},
    ],
    "checkin_severity": [
        {"value": 0, "label": "None"},
        {"value": 1, "label": "Mild"},
        {"value": 2, "label": "Moderate"},
        {"value": 3, "label": "Severe"},
        {"value": 4, "label": "Very severe"},
    ],
    # The check-in's interference is the `interference` scale above.
    # Which of the three a term is rated on, per the PRO-CTCAE item library:
    # the catalogue lists each term's under `checkin_attributes`.
    "checkin_attribute": [
        {"value": "frequency", "label": "How often"},
        {"value": "severity", "label": "How bad"},
        {"value": "interference", "label": "How much it got in the way"},
    ],
    "action": [
        {"value": "none", "label": "Nothing changed"},
        {"value": "dose_reduced", "label": "Dose reduced"},
        {"value": "paused", "label": "Treatment paused"},
        {"value": "stopped", "label": "Treatment stopped"},
        {"value": "medication_added", "label": "Medicine added for it"},
    ],
}


def enum_values(name: str) -> tuple:
    """The values of one enumeration, in order."""
    return tuple(item["value"] for item in ENUMERATIONS[name])


# -- Kinds of field ------------------------------------------------------------------

TEXT = "text"  # a string of at most `max_length` characters, no NUL, valid UTF-8
DATE = "date"  # YYYY-MM-DD, a real date, not after the server's date plus one day
INTEGER = "integer"  # a JSON whole number (never a string, never true/false)
ENUM = "enum"  # one string value of `enum`
ENUM_LIST = "enum_list"  # a list of values of `enum`, none twice
UUID = "uuid"  # the id of an entry, kept as written
BOOLEAN = "boolean"  # true or false
# A list of at most `max_items` objects, each of the shape `item` (its own
# fields and rules); a fault is named by its place, e.g. `items[3].severity`.
OBJECT_LIST = "object_list"

KINDS = (TEXT, DATE, INTEGER, ENUM, ENUM_LIST, UUID, BOOLEAN, OBJECT_LIST)

# What a missing optional field is stored as when the field may not be null.
# Other kinds have no empty value: optional, they are always "or null".
EMPTY: dict[str, Any] = {TEXT: "", ENUM_LIST: [], BOOLEAN: False, OBJECT_LIST: []}


@dataclass(frozen=True)
class Field:
    """One field of a collection's `data`.

    A required field refuses a missing field and null alike. An optional one
    is, when missing, stored as null when it is `nullable`, else as its kind's
    empty value ("" for text, [] for lists, false for flags); an explicit null
    in a field that is not `nullable` is a wrong type.
    """

    name: str
    kind: str
    required: bool = False
    nullable: bool = False
    max_length: int = TEXT_MAX  # text
    low: int | None = None  # integer, unless `enum` gives its scale
    high: int | None = None
    enum: str | None = None  # enum, enum_list; for an integer, its scale (named in the schema)
    description: str = ""  # the OpenAPI schema's, in English
    item: Collection | None = None  # object_list: the shape of each item
    max_items: int | None = None  # object_list

    def __post_init__(self):
        if self.required and self.nullable:
            raise ValueError(f"{self.name}: a required field cannot be null")
        if not self.required and not self.nullable and self.kind not in EMPTY:
            raise ValueError(f"{self.name}: an optional {self.kind} must be nullable")
        if self.kind in (ENUM, ENUM_LIST) and self.enum not in ENUMERATIONS:
            raise ValueError(f"{self.name}: no enumeration {self.enum!r}")
        if self.kind == INTEGER and self.bounds is None:
            raise ValueError(f"{self.name}: an integer needs low and high, or a scale")
        # Each part on its own: a text with a stray max_items is as wrong as a list without one.
        is_list = self.kind == OBJECT_LIST
        if is_list != (self.item is not None) or is_list != (self.max_items is not None):
            raise ValueError(f"{self.name}: an object_list, and only it, has item and max_items")

    @property
    def empty(self) -> Any:
        """What the field is stored as when it is missing (None for a nullable field)."""
        if self.nullable or self.required:
            return None
        empty = EMPTY[self.kind]
        return list(empty) if isinstance(empty, list) else empty

    @property
    def bounds(self) -> tuple[int, int] | None:
        """An integer's lowest and highest value; a scale's must have no gaps."""
        if self.kind != INTEGER:
            return None
        if self.enum is not None:
            values = enum_values(self.enum)
            if list(values) != list(range(min(values), max(values) + 1)):
                raise ValueError(f"{self.name}: the scale {self.enum} has gaps")
            return min(values), max(values)
        if self.low is None or self.high is None:
            return None
        return self.low, self.high


# -- Kinds of rule ------------------------------------------------------------------
# Each rule fails its `field` only; it runs after every field has been read and
# sees their clean values (None when missing or refused).

IN_CATALOGUE = "in_catalogue"  # field is a published slug of `catalogue`, or `value`
REQUIRED_WHEN = "required_when"  # field is not blank when `other` is `value`
NOT_BEFORE = "not_before"  # the date field is not before the date `other`
ONLY_WITH = "only_with"  # field is set only when `other` was sent (not null)
ONLY_WHEN_LISTED = "only_when_listed"  # field is set only when `value` is among `other`
NOT_BLANK = "not_blank"  # the text is not only spaces
PATTERN = "pattern"  # the text matches `pattern` (a regular expression, whole)
ONLY_WHEN = "only_when"  # field is null unless `other` is `value`
# field (an attribute: frequency, severity, interference) is set only when the
# catalogue's term named by `other` takes it (its `checkin_attributes`); the
# term `value` (other) takes every attribute.
TAKEN_BY_TERM = "taken_by_term"
# at least one of the fields `among` is set; a fault names the object itself
# (`items[3]`), so its `field` is "".
ANY_SET = "any_set"
# field is an object_list in which no two items have the same `key`, compared
# with surrounding spaces removed and in lower case; `value` may repeat.
UNIQUE = "unique"
RULE_KINDS = (
    IN_CATALOGUE,
    REQUIRED_WHEN,
    NOT_BEFORE,
    ONLY_WITH,
    ONLY_WHEN_LISTED,
    NOT_BLANK,
    PATTERN,
    ONLY_WHEN,
    TAKEN_BY_TERM,
    ANY_SET,
    UNIQUE,
)


@dataclass(frozen=True)
class Rule:
    """A named check across fields (or within one) that a field's type cannot say."""

    name: str
    kind: str
    field: str
    message: Promise | str  # may name `%(field)s`: the other field; `%(value)s`: a value
    other: str | None = None
    value: str | None = None
    catalogue: str | None = None  # the catalogue's list: drugs, side_effect_terms
    pattern: str | None = None
    among: tuple[str, ...] | None = None  # any_set
    key: str | None = None  # unique


@dataclass(frozen=True)
class Collection:
    """One collection's `data`: its fields in the order they are stored, and its rules."""

    name: str
    component: str  # the OpenAPI schema's name for it (CourseData, CourseUpsert)
    description: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    # The sync schema that introduced it (sync-protocol.md §7): a client of an
    # older schema neither pushes nor pulls it.
    since: int = 1

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_COURSE_REF = (
    "The id of one of the same user's courses, kept as written: it need not exist yet "
    "and may be a tombstone."
)


def _term_rules() -> tuple[Rule, Rule]:
    """A side-effect term: from the catalogue, or `other` with its own words."""
    return (
        Rule(
            "term_from_catalogue",
            IN_CATALOGUE,
            "term",
            _("Not a term from the catalogue; use \u201cother\u201d and term_other."),
            catalogue="side_effect_terms",
            value=OTHER,
        ),
        Rule(
            "term_other_for_other",
            REQUIRED_WHEN,
            "term_other",
            _("Required when term is \u201cother\u201d."),
            other="term",
            value=OTHER,
        ),
    )


def _course_ref() -> Field:
    return Field("course", UUID, nullable=True, description=_COURSE_REF)


def _notes() -> Field:
    return Field("notes", TEXT)


CHECKIN_ITEMS_MAX = 40
CHECKIN_ATTRIBUTES = ("frequency", "severity", "interference")

# One symptom of a weekly check-in, rated on the PRO-CTCAE attributes its term takes.
CHECKIN_ITEM = Collection(
    "checkin_item",
    "CheckinItem",
    "One symptom of a check-in, rated 0 to 4 on the attributes its term takes.",
    (
        Field(
            "term",
            TEXT,
            required=True,
            max_length=SLUG_MAX,
            description="A published side-effect slug from the catalogue, or `other`.",
        ),
        Field(
            "term_other",
            TEXT,
            nullable=True,
            description="Required (not blank) when `term` is `other`, else null.",
        ),
        Field(
            "frequency",
            INTEGER,
            nullable=True,
            enum="frequency",
            description="0 never to 4 almost constantly.",
        ),
        Field(
            "severity",
            INTEGER,
            nullable=True,
            enum="checkin_severity",
            description="0 none to 4 very severe (at its worst).",
        ),
        Field(
            "interference",
            INTEGER,
            nullable=True,
            enum="interference",
            description="0 not at all to 4 very much: how much it got in the way of daily life.",
        ),
    ),
    (
        *_term_rules(),
        Rule(
            "term_other_only_for_other",
            ONLY_WHEN,
            "term_other",
            _("Only allowed when term is \u201cother\u201d; otherwise null."),
            other="term",
            value=OTHER,
        ),
        *(
            Rule(
                f"{attribute}_taken_by_term",
                TAKEN_BY_TERM,
                attribute,
                message,
                other="term",
                value=OTHER,
            )
            for attribute, message in (
                ("frequency", _("%(value)s is not rated on how often in a check-in.")),
                ("severity", _("%(value)s is not rated on how bad in a check-in.")),
                (
                    "interference",
                    _("%(value)s is not rated on how much it got in the way in a check-in."),
                ),
            )
        ),
        Rule(
            "one_rating_at_least",
            ANY_SET,
            "",
            _("Rate at least one of frequency, severity and interference."),
            among=CHECKIN_ATTRIBUTES,
        ),
    ),
)


COLLECTIONS: dict[str, Collection] = {
    c.name: c
    for c in (
        Collection(
            "courses",
            "Course",
            "One period on one treatment (collection `courses`).",
            (
                Field(
                    "drug",
                    TEXT,
                    required=True,
                    max_length=SLUG_MAX,
                    description="A drug slug from the catalogue, or `other`.",
                ),
                Field(
                    "drug_name",
                    TEXT,
                    nullable=True,
                    description="Required when `drug` is `other`.",
                ),
                Field("start_date", DATE, required=True),
                Field("stop_date", DATE, nullable=True),
                Field(
                    "dose",
                    TEXT,
                    nullable=True,
                    max_length=DOSE_MAX,
                    description="e.g. 600 mg once daily",
                ),
                Field(
                    "line", INTEGER, nullable=True, low=1, high=20, description="Line of therapy"
                ),
                Field(
                    "stop_reason",
                    ENUM,
                    nullable=True,
                    enum="stop_reason",
                    description="Only together with a `stop_date`.",
                ),
                _notes(),
            ),
            (
                Rule(
                    "drug_from_catalogue",
                    IN_CATALOGUE,
                    "drug",
                    _("Not a drug from the catalogue; use \u201cother\u201d and drug_name."),
                    catalogue="drugs",
                    value=OTHER,
                ),
                Rule(
                    "drug_name_for_other",
                    REQUIRED_WHEN,
                    "drug_name",
                    _("Required when drug is \u201cother\u201d."),
                    other="drug",
                    value=OTHER,
                ),
                Rule(
                    "stop_not_before_start",
                    NOT_BEFORE,
                    "stop_date",
                    _("Must not be before %(field)s."),
                    other="start_date",
                ),
                Rule(
                    "stop_reason_with_stop_date",
                    ONLY_WITH,
                    "stop_reason",
                    _("Only allowed together with a stop_date."),
                    other="stop_date",
                ),
            ),
        ),
        Collection(
            "scans",
            "Scan",
            "One imaging result, in the patient's words (collection `scans`).",
            (
                Field("date", DATE, required=True),
                Field("modality", ENUM, required=True, enum="modality"),
                Field("sites", ENUM_LIST, enum="site"),
                Field(
                    "outcome",
                    ENUM,
                    required=True,
                    enum="outcome",
                    description="What the doctor said overall.",
                ),
                Field(
                    "brain_outcome",
                    ENUM,
                    nullable=True,
                    enum="outcome",
                    description="The same words for the brain alone; only when `brain` is a site.",
                ),
                Field("recist", ENUM, nullable=True, enum="recist"),
                _course_ref(),
                _notes(),
            ),
            (
                Rule(
                    "brain_outcome_with_brain",
                    ONLY_WHEN_LISTED,
                    "brain_outcome",
                    _("Only allowed when brain is among the sites."),
                    other="sites",
                    value="brain",
                ),
            ),
        ),
        Collection(
            "side_effects",
            "SideEffect",
            "One side effect over a period (collection `side_effects`).",
            (
                Field(
                    "term",
                    TEXT,
                    required=True,
                    max_length=SLUG_MAX,
                    description="A term slug from the catalogue, or `other`.",
                ),
                Field(
                    "term_other",
                    TEXT,
                    nullable=True,
                    description="Required when `term` is `other`.",
                ),
                Field("severity", INTEGER, required=True, enum="severity"),
                Field("interference", INTEGER, nullable=True, enum="interference"),
                Field("onset_date", DATE, required=True),
                Field("resolved_date", DATE, nullable=True),
                Field("action", ENUM, nullable=True, enum="action"),
                _course_ref(),
                _notes(),
            ),
            (
                *_term_rules(),
                Rule(
                    "resolved_not_before_onset",
                    NOT_BEFORE,
                    "resolved_date",
                    _("Must not be before %(field)s."),
                    other="onset_date",
                ),
            ),
        ),
        Collection(
            "questions",
            "Question",
            "A question for the next appointment (collection `questions`).",
            (
                Field(
                    "text",
                    TEXT,
                    required=True,
                    max_length=QUESTION_TEXT_MAX,
                    description="Not only spaces.",
                ),
                Field(
                    "source",
                    TEXT,
                    nullable=True,
                    max_length=SLUG_MAX,
                    description="Slug of the education question it came from.",
                ),
                Field("asked", BOOLEAN),
                Field("answer", TEXT),
            ),
            (
                Rule("text_not_blank", NOT_BLANK, "text", _("This field may not be blank.")),
                Rule(
                    "source_is_a_slug",
                    PATTERN,
                    "source",
                    _("Must be the slug of a question from the education pages, or null."),
                    pattern=SLUG_RE.pattern,
                ),
            ),
        ),
        Collection(
            "checkins",
            "Checkin",
            "A weekly check-in: how the past week went, in the shape of PRO-CTCAE items "
            "(collection `checkins`, sync schema 2).",
            (
                Field("date", DATE, required=True),
                Field(
                    "items",
                    OBJECT_LIST,
                    item=CHECKIN_ITEM,
                    max_items=CHECKIN_ITEMS_MAX,
                    description="No `term` twice, nor the same `term_other` twice.",
                ),
                Field(
                    "wellbeing",
                    INTEGER,
                    nullable=True,
                    low=0,
                    high=10,
                    description="Overall wellbeing, 0 (worst) to 10 (best).",
                ),
                _course_ref(),
                _notes(),
            ),
            (
                Rule(
                    "term_once",
                    UNIQUE,
                    "items",
                    _("%(value)s is listed twice."),
                    key="term",
                    value=OTHER,
                ),
                Rule(
                    "term_other_once",
                    UNIQUE,
                    "items",
                    _("%(value)s is listed twice."),
                    key="term_other",
                ),
            ),
            since=2,
        ),
    )
}

# The messages of the field kinds; a rule carries its own.
MESSAGES: dict[str, Promise] = {
    "required": _("This field is required."),
    "unknown_field": _("Unknown field."),
    "string": _("Must be a string."),
    "unsafe_text": _("Contains characters that cannot be stored (NUL or broken UTF-16)."),
    "too_long": _("At most %(max)d characters (this has %(n)d)."),
    "one_of": _("Must be one of: %(choices)s."),
    "integer": _("Must be a whole number."),
    "between": _("Must be between %(low)d and %(high)d."),
    "date_format": _("Must be a date written YYYY-MM-DD."),
    "real_date": _("Not a real date."),
    "future": _("Must not be after today."),
    "uuid": _("Must be the id (a UUID) of an entry, or null."),
    "boolean": _("Must be true or false."),
    "list": _("Must be a list."),
    "any_of": _("Must be any of: %(choices)s."),
    "twice": _("%(site)s is listed twice."),
    "object": _("Must be an object."),
    "too_many": _("At most %(max)d items (this has %(n)d)."),
}


def _described_field(f: Field) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": f.name,
        "type": f.kind,
        "required": f.required,
        "nullable": f.nullable,
    }
    if f.kind == TEXT:
        out["max_length"] = f.max_length
    if f.enum is not None:
        out["enum"] = f.enum
    if f.bounds is not None:
        out["low"], out["high"] = f.bounds
    if f.item is not None:
        out["max_items"] = f.max_items
        out["item"] = _described_shape(f.item)
    return out


def _described_rule(r: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {"name": r.name, "kind": r.kind, "field": r.field}
    for key in ("other", "value", "catalogue", "pattern", "key"):
        if getattr(r, key) is not None:
            out[key] = getattr(r, key)
    if r.among is not None:
        out["among"] = list(r.among)
    out["message"] = str(r.message)
    return out


def _described_shape(c: Collection) -> dict[str, Any]:
    return {
        "fields": [_described_field(f) for f in c.fields],
        "rules": [_described_rule(r) for r in c.rules],
    }


# The sync schemas this server speaks (sync-protocol.md §3, §7).
OLDEST_SCHEMA = 1
NEWEST_SCHEMA = 2


def collections_for_schema(schema: int) -> tuple[str, ...]:
    """The collections a client of sync schema `schema` knows (sync-protocol.md §7)."""
    return tuple(name for name, c in COLLECTIONS.items() if c.since <= schema)


def describe() -> dict[str, Any]:
    """The contract as plain JSON, for the device: every collection's fields and rules.

    Messages are in the active language; the enumerations' values are in the
    catalogue's `enumerations`, which every `enum` names.
    """
    return {
        "collections": {c.name: _described_shape(c) for c in COLLECTIONS.values()},
        "messages": {code: str(message) for code, message in MESSAGES.items()},
    }
