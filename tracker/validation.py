"""The shape of each collection's `data` (sync-protocol.md §2), kept in this one place.

The sync API, the admin and any import call `validate_record_data`. Nothing is
coerced: a number sent as a string, a boolean sent as 0/1, an unknown field or
a value outside an enumeration is refused with a message naming the field. A
missing optional field is taken as null, or empty for text, lists and the
`asked` flag; an explicit null is accepted only where the contract says
"or null", since elsewhere it is a wrong type.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import slug_validator
from education.selectors import ENUMERATIONS, published_drug_slugs, published_side_effect_slugs
from tracker.models import Collection

TEXT_MAX = 5000
QUESTION_TEXT_MAX = 1000
DOSE_MAX = 100
SLUG_MAX = 200
# The shape of the education pages' slugs: the rule their admin enforces.
SLUG_RE = slug_validator.regex
OTHER = "other"

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _values(name: str) -> tuple:
    return tuple(item["value"] for item in ENUMERATIONS[name])


STOP_REASONS = _values("stop_reason")
MODALITIES = _values("modality")
SITES = _values("site")
OUTCOMES = _values("outcome")
RECIST = _values("recist")
SEVERITIES = _values("severity")
INTERFERENCES = _values("interference")
ACTIONS = _values("action")


class RecordInvalid(Exception):
    """The data broke one or more rules; `fields` maps each field to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__("invalid record data")
        self.fields = fields


@dataclass
class Catalogue:
    """The published slugs a record may name, fetched once per request."""

    drugs: set[str] | None = None
    side_effects: set[str] | None = None

    def drug_slugs(self) -> set[str]:
        if self.drugs is None:
            self.drugs = published_drug_slugs()
        return self.drugs

    def side_effect_slugs(self) -> set[str]:
        if self.side_effects is None:
            self.side_effects = published_side_effect_slugs()
        return self.side_effects


def today_limit() -> datetime.date:
    """The latest date a record may carry: the server's date plus one day."""
    return timezone.now().date() + datetime.timedelta(days=1)


@dataclass
class _Checker:
    data: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    out: dict[str, Any] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def present(self, name: str) -> bool:
        return self.data.get(name) is not None

    # Each reader stores the clean value in `out` and returns it (or None).

    def required(self, name: str, reader: Callable[[str], Any]) -> Any:
        if not self.present(name):
            self.fail(name, _("This field is required."))
            self.out[name] = None
            return None
        return reader(name)

    def optional(self, name: str, reader: Callable[[str], Any]) -> Any:
        if not self.present(name):
            self.out[name] = None
            return None
        return reader(name)

    def text(self, name: str, *, max_length: int = TEXT_MAX, default: str | None = "") -> Any:
        value = self.data.get(name)
        if value is None and (name not in self.data or default is None):
            self.out[name] = default
            return default
        if not isinstance(value, str):
            self.fail(name, _("Must be a string."))
            return None
        if not safe_text(value):
            self.fail(name, _("Contains characters that cannot be stored (NUL or broken UTF-16)."))
            return None
        if len(value) > max_length:
            self.fail(
                name,
                _("At most %(max)d characters (this has %(n)d).")
                % {"max": max_length, "n": len(value)},
            )
            return None
        self.out[name] = value
        return value

    def enum(self, name: str, choices: Iterable) -> Any:
        value = self.data.get(name)
        choices = tuple(choices)
        if not isinstance(value, str) or value not in choices:
            self.fail(
                name,
                _("Must be one of: %(choices)s.") % {"choices": ", ".join(map(str, choices))},
            )
            return None
        self.out[name] = value
        return value

    def integer(self, name: str, *, low: int, high: int) -> Any:
        value = self.data.get(name)
        # bool is an int in Python; JSON true is not a number.
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(name, _("Must be a whole number."))
            return None
        if not low <= value <= high:
            self.fail(name, _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high})
            return None
        self.out[name] = value
        return value

    def date(self, name: str) -> Any:
        value = self.data.get(name)
        if not isinstance(value, str) or not _DATE_RE.match(value):
            self.fail(name, _("Must be a date written YYYY-MM-DD."))
            return None
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(name, _("Not a real date."))
            return None
        if parsed > today_limit():
            self.fail(name, _("Must not be after today."))
            return None
        self.out[name] = value
        return parsed

    def uuid(self, name: str) -> Any:
        value = self.data.get(name)
        if not isinstance(value, str) or parse_uuid(value) is None:
            self.fail(name, _("Must be the id (a UUID) of an entry, or null."))
            return None
        # Kept as written (sync-protocol.md §2: "the reference is kept as written").
        self.out[name] = value
        return value

    def boolean(self, name: str) -> Any:
        if name not in self.data:
            self.out[name] = False
            return False
        value = self.data[name]
        if not isinstance(value, bool):
            self.fail(name, _("Must be true or false."))
            return None
        self.out[name] = value
        return value


def safe_text(value: Any) -> bool:
    """True when a string can be stored as it is: valid UTF-8 and no NUL character."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_uuid(value: Any) -> uuid.UUID | None:
    """The UUID a string names, or None when it is not one."""
    if not isinstance(value, str) or len(value) > 45:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _not_before(c: _Checker, later: str, earlier: str, start, stop) -> None:
    if start is not None and stop is not None and stop < start:
        c.fail(later, _("Must not be before %(field)s.") % {"field": earlier})


def _courses(c: _Checker, catalogue: Catalogue) -> None:
    drug = c.required("drug", lambda n: c.text(n, max_length=SLUG_MAX))
    if drug is not None and drug != OTHER and drug not in catalogue.drug_slugs():
        c.fail("drug", _("Not a drug from the catalogue; use \u201cother\u201d and drug_name."))
    drug_name = c.text("drug_name", default=None)
    if drug == OTHER and not (drug_name or "").strip():
        c.fail("drug_name", _("Required when drug is \u201cother\u201d."))
    start = c.required("start_date", c.date)
    stop = c.optional("stop_date", c.date)
    _not_before(c, "stop_date", "start_date", start, stop)
    c.text("dose", max_length=DOSE_MAX, default=None)
    c.optional("line", lambda n: c.integer(n, low=1, high=20))
    reason = c.optional("stop_reason", lambda n: c.enum(n, STOP_REASONS))
    if reason is not None and not c.present("stop_date"):
        c.fail("stop_reason", _("Only allowed together with a stop_date."))
    c.text("notes")


def _scans(c: _Checker, catalogue: Catalogue) -> None:
    c.required("date", c.date)
    c.required("modality", lambda n: c.enum(n, MODALITIES))
    sites = c.data.get("sites")
    clean_sites: list[str] = []
    if "sites" not in c.data:
        c.out["sites"] = []
    elif not isinstance(sites, list):
        c.fail("sites", _("Must be a list."))
    else:
        for site in sites:
            if not isinstance(site, str) or site not in SITES:
                c.fail("sites", _("Must be any of: %(choices)s.") % {"choices": ", ".join(SITES)})
                break
            if site in clean_sites:
                c.fail("sites", _("%(site)s is listed twice.") % {"site": site})
                break
            clean_sites.append(site)
        else:
            c.out["sites"] = clean_sites
    c.required("outcome", lambda n: c.enum(n, OUTCOMES))
    brain = c.optional("brain_outcome", lambda n: c.enum(n, OUTCOMES))
    if brain is not None and "brain" not in clean_sites:
        c.fail("brain_outcome", _("Only allowed when brain is among the sites."))
    c.optional("recist", lambda n: c.enum(n, RECIST))
    c.optional("course", c.uuid)
    c.text("notes")


def _side_effects(c: _Checker, catalogue: Catalogue) -> None:
    term = c.required("term", lambda n: c.text(n, max_length=SLUG_MAX))
    if term is not None and term != OTHER and term not in catalogue.side_effect_slugs():
        c.fail("term", _("Not a term from the catalogue; use \u201cother\u201d and term_other."))
    term_other = c.text("term_other", default=None)
    if term == OTHER and not (term_other or "").strip():
        c.fail("term_other", _("Required when term is \u201cother\u201d."))
    c.required("severity", lambda n: c.integer(n, low=1, high=4))
    c.optional("interference", lambda n: c.integer(n, low=0, high=4))
    onset = c.required("onset_date", c.date)
    resolved = c.optional("resolved_date", c.date)
    _not_before(c, "resolved_date", "onset_date", onset, resolved)
    c.optional("action", lambda n: c.enum(n, ACTIONS))
    c.optional("course", c.uuid)
    c.text("notes")


def _questions(c: _Checker, catalogue: Catalogue) -> None:
    text = c.required("text", lambda n: c.text(n, max_length=QUESTION_TEXT_MAX))
    if text is not None and not text.strip():
        c.fail("text", _("This field may not be blank."))
    source = c.text("source", max_length=SLUG_MAX, default=None)
    if source is not None and not SLUG_RE.fullmatch(source):
        c.fail("source", _("Must be the slug of a question from the education pages, or null."))
    c.boolean("asked")
    c.text("answer")


# Field names in the contract's order, which is also the order they are stored in.
_RULES: dict[str, tuple[Callable[[_Checker, Catalogue], None], tuple[str, ...]]] = {
    Collection.COURSES: (
        _courses,
        (
            "drug",
            "drug_name",
            "start_date",
            "stop_date",
            "dose",
            "line",
            "stop_reason",
            "notes",
        ),
    ),
    Collection.SCANS: (
        _scans,
        ("date", "modality", "sites", "outcome", "brain_outcome", "recist", "course", "notes"),
    ),
    Collection.SIDE_EFFECTS: (
        _side_effects,
        (
            "term",
            "term_other",
            "severity",
            "interference",
            "onset_date",
            "resolved_date",
            "action",
            "course",
            "notes",
        ),
    ),
    Collection.QUESTIONS: (_questions, ("text", "source", "asked", "answer")),
}

COLLECTION_FIELDS: dict[str, tuple[str, ...]] = {name: rule[1] for name, rule in _RULES.items()}


def validate_record_data(
    *, collection: str, data: Any, catalogue: Catalogue | None = None
) -> dict[str, Any]:
    """The whole, clean entry for `collection`; RecordInvalid names each bad field."""
    if collection not in _RULES:
        raise RecordInvalid({"collection": [_("Unknown collection.")]})
    if not isinstance(data, dict):
        raise RecordInvalid({"data": [_("Must be an object.")]})
    check, allowed = _RULES[collection]
    allowed_set = set(allowed)
    checker = _Checker(data=data)
    for name in data:
        if name not in allowed_set:
            checker.fail(str(name)[:100], _("Unknown field."))
    check(checker, catalogue or Catalogue())
    if checker.errors:
        raise RecordInvalid(checker.errors)
    # Always the same keys in the same order, whatever the client sent.
    return {name: checker.out.get(name) for name in allowed}
