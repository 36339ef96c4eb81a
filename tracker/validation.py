"""The checker of each collection's `data` (sync-protocol.md §2), driven by `tracker.contract`.

The sync API, the admin and any import call `validate_record_data`. Nothing is
coerced: a number sent as a string, a boolean sent as 0/1, an unknown field or
a value outside an enumeration is refused with a message naming the field. A
missing optional field is taken as null, or empty for text, lists and the
`asked` flag; an explicit null is accepted only where the contract says
"or null", since elsewhere it is a wrong type.

What each collection holds, and the messages, are in `tracker/contract.py`;
this module only knows how to check each kind of field and each kind of rule.
static/js/validation.js does the same on the device, from the same contract.
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from education.selectors import (
    published_drug_slugs,
    published_side_effect_attributes,
    published_side_effect_slugs,
)
from tracker import contract
from tracker.contract import MESSAGES, Collection, Field, Rule

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Field names in the contract's order, which is also the order they are stored in.
COLLECTION_FIELDS: dict[str, tuple[str, ...]] = {
    name: c.names for name, c in contract.COLLECTIONS.items()
}


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
    attributes: dict[str, frozenset[str]] | None = None

    def drug_slugs(self) -> set[str]:
        if self.drugs is None:
            self.drugs = published_drug_slugs()
        return self.drugs

    def side_effect_slugs(self) -> set[str]:
        if self.side_effects is None:
            self.side_effects = published_side_effect_slugs()
        return self.side_effects

    def side_effect_attributes(self) -> dict[str, frozenset[str]]:
        """What each published term is rated on in a check-in (frequency, severity, ...)."""
        if self.attributes is None:
            self.attributes = published_side_effect_attributes()
        return self.attributes

    def slugs(self, name: str) -> set[str]:
        """The slugs of one of the catalogue's lists, named as in the catalogue's answer."""
        return {"drugs": self.drug_slugs, "side_effect_terms": self.side_effect_slugs}[name]()


def today_limit() -> datetime.date:
    """The latest date a record may carry: the server's date plus one day."""
    return timezone.now().date() + datetime.timedelta(days=1)


def safe_text(value: Any) -> bool:
    """True when a string can be stored as it is: valid UTF-8 and no NUL character."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The canonical form only (RFC 9562 §4: 8-4-4-4-12 hex digits, either case):
# uuid.UUID would also take braces, "urn:uuid:", no hyphens and non-ASCII digits
# such as full-width or Arabic-Indic ones, which other code would not match.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def parse_uuid(value: Any) -> uuid.UUID | None:
    """The UUID a string names in canonical form, or None when it is not one."""
    if not isinstance(value, str) or not _CANONICAL_UUID.fullmatch(value):
        return None
    return uuid.UUID(value)


def _choices(values) -> str:
    return ", ".join(map(str, values))


@dataclass
class _Checker:
    data: dict[str, Any]
    catalogue: Catalogue
    errors: dict[str, list[str]] = field(default_factory=dict)
    out: dict[str, Any] = field(default_factory=dict)
    # A list's items up to the first bad one, which the rules may look at.
    listed: dict[str, list[Any]] = field(default_factory=dict)
    # An object list's items, each as (its place, its clean values), for `unique`.
    objects: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def present(self, name: str) -> bool:
        return self.data.get(name) is not None

    def read(self, f: Field) -> None:
        """Stores the clean value of `f` in `out`, or None after naming what is wrong."""
        if f.required and not self.present(f.name):
            self.fail(f.name, str(MESSAGES["required"]))
            self.out[f.name] = None
        elif f.name not in self.data or (self.data[f.name] is None and f.empty is None):
            # Missing, or null where the contract says "or null".
            self.out[f.name] = f.empty
        else:
            self.out[f.name] = getattr(self, "_" + f.kind)(f, self.data[f.name])

    # Each reader returns the clean value, or fails the field (and returns None).

    def _text(self, f: Field, value: Any) -> Any:
        if not isinstance(value, str):
            return self.fail(f.name, str(MESSAGES["string"]))
        if not safe_text(value):
            return self.fail(f.name, str(MESSAGES["unsafe_text"]))
        if len(value) > f.max_length:
            return self.fail(f.name, MESSAGES["too_long"] % {"max": f.max_length, "n": len(value)})
        return value

    def _enum(self, f: Field, value: Any) -> Any:
        choices = contract.enum_values(f.enum)
        if not isinstance(value, str) or value not in choices:
            return self.fail(f.name, MESSAGES["one_of"] % {"choices": _choices(choices)})
        return value

    def _enum_list(self, f: Field, value: Any) -> Any:
        choices = contract.enum_values(f.enum)
        if not isinstance(value, list):
            return self.fail(f.name, str(MESSAGES["list"]))
        clean = self.listed[f.name] = []
        for item in value:
            if not isinstance(item, str) or item not in choices:
                return self.fail(f.name, MESSAGES["any_of"] % {"choices": _choices(choices)})
            if item in clean:
                return self.fail(f.name, MESSAGES["twice"] % {"site": item})
            clean.append(item)
        return list(clean)

    def _integer(self, f: Field, value: Any) -> Any:
        low, high = f.bounds
        # bool is an int in Python; JSON true is not a number.
        if not isinstance(value, int) or isinstance(value, bool):
            return self.fail(f.name, str(MESSAGES["integer"]))
        if not low <= value <= high:
            return self.fail(f.name, MESSAGES["between"] % {"low": low, "high": high})
        return value

    def _date(self, f: Field, value: Any) -> Any:
        if not isinstance(value, str) or not _DATE_RE.match(value):
            return self.fail(f.name, str(MESSAGES["date_format"]))
        try:
            parsed = datetime.date.fromisoformat(value)
        except ValueError:
            return self.fail(f.name, str(MESSAGES["real_date"]))
        if parsed > today_limit():
            return self.fail(f.name, str(MESSAGES["future"]))
        return value

    def _uuid(self, f: Field, value: Any) -> Any:
        if not isinstance(value, str) or parse_uuid(value) is None:
            return self.fail(f.name, str(MESSAGES["uuid"]))
        # Kept as written (sync-protocol.md §2: "the reference is kept as written").
        return value

    def _boolean(self, f: Field, value: Any) -> Any:
        if not isinstance(value, bool):
            return self.fail(f.name, str(MESSAGES["boolean"]))
        return value

    def _object_list(self, f: Field, value: Any) -> Any:
        if not isinstance(value, list):
            return self.fail(f.name, str(MESSAGES["list"]))
        if len(value) > f.max_items:
            return self.fail(f.name, MESSAGES["too_many"] % {"max": f.max_items, "n": len(value)})
        clean = []
        objects = self.objects[f.name] = []
        for index, item in enumerate(value):
            place = f"{f.name}[{index}]"
            if not isinstance(item, dict):
                self.fail(place, str(MESSAGES["object"]))
                continue
            inner = _Checker(data=item, catalogue=self.catalogue)
            inner.check_shape(f.item)
            for name, messages in inner.errors.items():
                for message in messages:
                    self.fail(f"{place}.{name}" if name else place, message)
            objects.append((index, inner.out))
            clean.append({name: inner.out[name] for name in f.item.names})
        if len(clean) != len(value) or any(name.startswith(f.name + "[") for name in self.errors):
            return None
        return clean

    def check_shape(self, shape: Collection) -> None:
        """Reads every field of `shape` from `data`, then runs its rules; faults in `errors`."""
        allowed = set(shape.names)
        for name in self.data:
            if name in allowed:
                continue
            if safe_text(name):
                self.fail(name[:100], str(MESSAGES["unknown_field"]))
            else:
                # Named with escapes: the answer, and the reply kept for a resend,
                # must themselves be storable.
                printable = (
                    name.encode("utf-8", "backslashreplace").decode().replace("\x00", "\\x00")
                )
                self.fail(printable[:100], str(MESSAGES["unsafe_text"]))
        for f in shape.fields:
            self.read(f)
        for rule in shape.rules:
            self.check(rule)

    # Each rule looks at the clean values (None when missing or refused).

    def check(self, rule: Rule) -> None:
        if rule.kind == contract.UNIQUE:
            return self._check_unique(rule)
        value = self.out.get(rule.field)
        other = self.out.get(rule.other) if rule.other else None
        broken = {
            contract.IN_CATALOGUE: lambda: value is not None
            and value != rule.value
            and value not in self.catalogue.slugs(rule.catalogue),
            contract.REQUIRED_WHEN: lambda: other == rule.value and not (value or "").strip(),
            # Dates written YYYY-MM-DD compare as their strings do.
            contract.NOT_BEFORE: lambda: value is not None and other is not None and value < other,
            contract.ONLY_WITH: lambda: value is not None and not self.present(rule.other),
            contract.ONLY_WHEN_LISTED: lambda: value is not None
            and rule.value not in self.listed.get(rule.other, []),
            contract.NOT_BLANK: lambda: value is not None and not value.strip(),
            contract.PATTERN: lambda: value is not None and not re.fullmatch(rule.pattern, value),
            contract.ONLY_WHEN: lambda: value is not None and other != rule.value,
            # A term not in the catalogue is refused by its own rule; nothing more is said.
            contract.TAKEN_BY_TERM: lambda: value is not None
            and other is not None
            and other != rule.value
            and other in self.catalogue.side_effect_attributes()
            and rule.field not in self.catalogue.side_effect_attributes()[other],
            contract.ANY_SET: lambda: not any(self.present(name) for name in rule.among),
        }[rule.kind]
        if broken():
            self.fail(rule.field, rule.message % {"field": rule.other, "value": other})

    def _check_unique(self, rule: Rule) -> None:
        seen: set[str] = set()
        for index, item in self.objects.get(rule.field, []):
            value = item.get(rule.key)
            if not isinstance(value, str) or value == rule.value:
                continue
            folded = value.strip().lower()
            if folded in seen:
                self.fail(
                    f"{rule.field}[{index}].{rule.key}", rule.message % {"value": value.strip()}
                )
            seen.add(folded)


_PLACE = re.compile(r"^(\w+)\[(\d+)\]")


def _error_order(name: str, order: dict[str, int]) -> tuple[int, int]:
    place = _PLACE.match(name)
    if place is None or place.group(1) not in order:
        # An unknown field, even one named like a list's item (`x[1]`): as sent.
        return order.get(name, -1), -1
    return order[place.group(1)], int(place.group(2))


def validate_record_data(
    *, collection: str, data: Any, catalogue: Catalogue | None = None
) -> dict[str, Any]:
    """The whole, clean entry for `collection`; RecordInvalid names each bad field."""
    if collection not in contract.COLLECTIONS:
        raise RecordInvalid({"collection": [_("Unknown collection.")]})
    if not isinstance(data, dict):
        raise RecordInvalid({"data": [_("Must be an object.")]})
    shape = contract.COLLECTIONS[collection]
    checker = _Checker(data=data, catalogue=catalogue or Catalogue())
    checker.check_shape(shape)
    if checker.errors:
        # Unknown fields first, as sent, then the contract's fields in its order,
        # a list's items (`items[3].severity`) under their list, in place order.
        order = {name: i for i, name in enumerate(shape.names)}
        names = sorted(checker.errors, key=lambda name: _error_order(name, order))
        raise RecordInvalid({name: checker.errors[name] for name in names})
    # Always the same keys in the same order, whatever the client sent.
    return {name: checker.out[name] for name in shape.names}
