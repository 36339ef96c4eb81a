"""The OpenAPI description of the journal API (sync-protocol.md), served at /api/v1/schema/.

How the schema is built. drf-spectacular walks the URLconf and asks each view
for its operations; this module answers for them, so that the API classes
stay thin:

- Every body of the journal API (the views in `ENDPOINTS` and the exports)
  is a component written out in plain OpenAPI here (the exact enums, formats
  and limits, which DRF serializer fields cannot all say). The four
  collections' `data` components (`CourseData` and the others), their upserts
  and the journal's enumerations are generated from `tracker.contract`, the
  description the server's checker reads, so the schema cannot drift from
  what the server accepts.
- Every operation of the views named in `ENDPOINTS` (its id, summary,
  request, answers) is declared there and attached to its view by a
  drf-spectacular view extension. The extension replaces whatever the view's
  own module declares: an `@extend_schema` in tracker/apis.py or
  education/apis.py has no effect on the schema.
- The other views declare themselves with `@extend_schema`: the exports with
  `export_json_schema` and `export_fhir_schema` below, the clinic sharing API
  (clinics/apis.py) with its own serializers, using `Error` and
  `NOT_ACCEPTABLE` from here.

This module is imported by `tracker.urls` (through `tracker.export_apis`),
which registers the extensions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerExtension,
    OpenApiViewExtension,
)
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from education.models import Drug
from tracker import contract
from tracker.models import Collection
from tracker.selectors import PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX
from tracker.services import MAX_MUTATIONS, NEWEST_SCHEMA, OLDEST_SCHEMA

SchemaDict = dict[str, Any]

# -- Building blocks ---------------------------------------------------------------


def _nullable(schema: SchemaDict) -> SchemaDict:
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    schema = {**schema, "nullable": True}
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    return schema


def _described(schema: SchemaDict, description: str) -> SchemaDict:
    """A schema with a description of its own (OpenAPI 3.0 ignores siblings of $ref)."""
    if "$ref" in schema:
        return {"allOf": [schema], "description": description}
    return {**schema, "description": description}


_UUID = {"type": "string", "format": "uuid"}
_TIME = {"type": "string", "format": "date-time", "description": "UTC, ISO 8601"}
_NOT_AFTER_TODAY = "YYYY-MM-DD; not after the server's date plus one day."

# Each enumeration is one named component that every field using it refers to
# (outcome and brain_outcome share `Outcome`). The journal's take their values
# from the contract and their names from its names (stop_reason: StopReason).
_JOURNAL_ENUM_DESCRIPTIONS = {
    "stop_reason": "Why a course stopped; `access`: cost or availability.",
    "modality": "Kind of scan.",
    "site": "A body site a scan looked at.",
    "outcome": "What the doctor said; `baseline`: first scan of a course.",
    "recist": "RECIST 1.1 category, only as stated by the radiology report.",
    "severity": "1 mild, 2 moderate, 3 severe, 4 very severe (PRO-CTCAE).",
    "interference": (
        "0 not at all, 1 a little bit, 2 somewhat, 3 quite a bit, 4 very much (PRO-CTCAE)."
    ),
    "action": "What was done about a side effect.",
}

ENUMS: dict[str, tuple[str, tuple, str]] = {
    "collection": (
        "Collection",
        tuple(Collection.values),
        "The collections; `checkins` from sync schema 2 on (sync-protocol.md §7).",
    ),
    **{
        name: (
            name.title().replace("_", ""),
            contract.enum_values(name),
            _JOURNAL_ENUM_DESCRIPTIONS.get(name, ""),
        )
        for name in contract.ENUMERATIONS
    },
    "rejection": (
        "RejectionError",
        ("invalid", "id_unavailable", "not_found", "unknown_collection"),
        "invalid: see `fields`; id_unavailable: the id cannot be used, make a new one; "
        "not_found: a change to an id that does not exist; unknown_collection: the "
        "collection is newer than the push's schema (checkins with schema 1).",
    ),
    "op_upsert": ("UpsertOp", ("upsert",), "Create (base_version null) or change an entry."),
    "op_delete": ("DeleteOp", ("delete",), "Delete an entry, leaving a tombstone."),
}


class Context:
    """What a component needs to refer to other components while it is being written."""

    def __init__(self, auto_schema, direction: str):
        self.auto_schema = auto_schema
        self.direction = direction

    def ref(self, component: type) -> SchemaDict:
        return self.auto_schema.resolve_serializer(component, self.direction).ref

    def enum(self, name: str) -> SchemaDict:
        component_name, values, description = ENUMS[name]
        kind = "integer" if all(isinstance(v, int) for v in values) else "string"
        schema: SchemaDict = {"type": kind, "enum": list(values)}
        if description:
            schema["description"] = description
        component = ResolvedComponent(
            name=component_name,
            type=ResolvedComponent.SCHEMA,
            object=f"tracker.schema.enum.{name}",
            schema=schema,
        )
        self.auto_schema.registry.register_on_missing(component)
        return component.ref


class RawComponent(serializers.Serializer):
    """A schema component written out in plain OpenAPI by `openapi(ctx)`."""

    @classmethod
    def openapi(cls, ctx: Context) -> SchemaDict:  # pragma: no cover
        raise NotImplementedError


class _RawComponentExtension(OpenApiSerializerExtension):
    target_class = "tracker.schema.RawComponent"
    match_subclasses = True

    def get_name(self, auto_schema, direction):
        return type(self.target).__name__

    def map_serializer(self, auto_schema, direction):
        return type(self.target).openapi(Context(auto_schema, direction))


def component(write: Callable[[Context], SchemaDict]) -> type[RawComponent]:
    """The component named after the function `write`, which writes its schema."""
    return type(
        write.__name__,
        (RawComponent,),
        {"openapi": classmethod(lambda cls, ctx: write(ctx)), "__module__": __name__},
    )


def _object(
    properties: SchemaDict, *, required: list[str], description: str = "", closed: bool = True
) -> SchemaDict:
    schema: SchemaDict = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if closed:
        # Unknown fields are refused in requests and never sent in answers.
        schema["additionalProperties"] = False
    if description:
        schema["description"] = description
    return schema


def _complete(properties: SchemaDict, **options: Any) -> SchemaDict:
    """An object in which every property is always present."""
    return _object(properties, required=list(properties), **options)


def _list_of(name: str, item: SchemaDict, description: str) -> SchemaDict:
    """An answer holding one list, `name`, of `item`s."""
    return _complete({name: {"type": "array", "items": item}}, description=description)


# -- The four collections' data (sync-protocol.md §2), from tracker.contract ------


def _field(ctx: Context, shape: contract.Collection, f: contract.Field) -> SchemaDict:
    """What one field may hold: its kind, limits and enumeration, and what its rules say."""
    rules = [r for r in shape.rules if r.field == f.name]
    description = f.description
    if f.kind == contract.TEXT:
        schema: SchemaDict = {"type": "string", "maxLength": f.max_length}
        if any(r.kind == contract.NOT_BLANK for r in rules):
            schema["minLength"] = 1
        for rule in rules:
            if rule.kind == contract.PATTERN:
                schema["pattern"] = rule.pattern
    elif f.kind == contract.DATE:
        schema = {"type": "string", "format": "date"}
        earlier = [f"Not before `{r.other}`;" for r in rules if r.kind == contract.NOT_BEFORE]
        description = " ".join(filter(None, [description, *earlier, _NOT_AFTER_TODAY]))
    elif f.kind == contract.ENUM_LIST:
        schema = {"type": "array", "items": ctx.enum(f.enum), "uniqueItems": True}
    elif f.enum is not None:  # an enumeration, or an integer on a named scale
        schema = ctx.enum(f.enum)
    elif f.kind == contract.INTEGER:
        low, high = f.bounds
        schema = {"type": "integer", "minimum": low, "maximum": high}
    elif f.kind == contract.UUID:
        schema = dict(_UUID)
    elif f.kind == contract.BOOLEAN:
        schema = {"type": "boolean"}
    elif f.kind == contract.OBJECT_LIST:
        schema = {"type": "array", "maxItems": f.max_items, "items": _item(ctx, f.item)}
    else:  # pragma: no cover
        raise ValueError(f"no schema for a {f.kind} field")
    return _described(schema, description) if description else schema


def _item(ctx: Context, shape: contract.Collection) -> SchemaDict:
    """One object of an object list, as sent and as stored alike (every field present)."""
    properties = {f.name: _field(ctx, shape, f) for f in shape.fields}
    for f in shape.fields:
        if f.nullable:
            properties[f.name] = _nullable(properties[f.name])
    rules = " ".join(str(r.message) for r in shape.rules if r.kind == contract.ANY_SET)
    return _object(
        properties,
        required=[f.name for f in shape.fields if f.required],
        description=f"{shape.description} {rules} An attribute its term does not take "
        "(the catalogue's `checkin_attributes`) is refused.",
    )


def _data(ctx: Context, shape: contract.Collection) -> SchemaDict:
    """A collection's `data`: as sent (optional fields may be missing or null) or as stored.

    As stored, every field is present, and may be null only where the contract
    says so: a missing text, list or flag is stored as "", [] or false.
    """
    request = ctx.direction == "request"
    properties: SchemaDict = {}
    for f in shape.fields:
        schema = _field(ctx, shape, f)
        may_be_null = not f.required if request else f.nullable
        properties[f.name] = _nullable(schema) if may_be_null else schema
    if request:
        required = [f.name for f in shape.fields if f.required]
        description = " A missing optional field is taken as null (empty for text and lists)."
    else:
        required = list(shape.names)
        description = " As stored: every field is present."
    return _object(properties, required=required, description=shape.description + description)


class _Data(RawComponent):
    collection = ""

    @classmethod
    def openapi(cls, ctx):
        # Read when the schema is made, not when this module is imported.
        return _data(ctx, contract.COLLECTIONS[cls.collection])


# CourseData, ScanData, SideEffectData, QuestionData.
DATA_COMPONENTS: dict[str, type[RawComponent]] = {
    name: type(f"{shape.component}Data", (_Data,), {"collection": name, "__module__": __name__})
    for name, shape in contract.COLLECTIONS.items()
}

# -- Envelope, push, pull (§2–§4) -------------------------------------------------


@component
def Record(ctx):
    return _complete(
        {
            "collection": ctx.enum("collection"),
            "id": _UUID,
            "version": {
                "type": "integer",
                "minimum": 1,
                "description": "1 on creation, +1 on every accepted change.",
            },
            "deleted": {"type": "boolean", "description": "A tombstone; its `data` is {}."},
            "updated_at": {**_TIME, "description": "The server's clock; for display only."},
            "data": {
                "oneOf": [
                    *(ctx.ref(c) for c in DATA_COMPONENTS.values()),
                    {
                        "type": "object",
                        "maxProperties": 0,
                        "description": "A tombstone's data",
                    },
                ]
            },
        },
        description="A journal entry, or the tombstone of a deleted one (sync-protocol.md §2).",
    )


def _mutation(ctx: Context, *, op: str, collection: SchemaDict) -> SchemaDict:
    return {
        "mutation_id": {**_UUID, "description": "Made by the client; never reused."},
        "collection": collection,
        "id": {**_UUID, "description": "The record's id, made by the client."},
        "op": ctx.enum(f"op_{op}"),
    }


class _Upsert(RawComponent):
    collection = ""
    data: type[RawComponent]

    @classmethod
    def openapi(cls, ctx):
        properties = _mutation(
            ctx, op="upsert", collection={"type": "string", "enum": [cls.collection]}
        )
        properties["base_version"] = _nullable(
            {
                "type": "integer",
                "minimum": 1,
                "description": "null creates; N changes the record at version N.",
            }
        )
        properties["data"] = ctx.ref(cls.data)
        return _object(
            properties,
            required=["mutation_id", "collection", "id", "op", "data"],
            description=f"Creates or changes an entry of `{cls.collection}`, "
            "carrying the whole entry.",
        )


# CourseUpsert, ScanUpsert, SideEffectUpsert, QuestionUpsert.
UPSERT_COMPONENTS = tuple(
    type(
        f"{shape.component}Upsert",
        (_Upsert,),
        {"collection": name, "data": DATA_COMPONENTS[name], "__module__": __name__},
    )
    for name, shape in contract.COLLECTIONS.items()
)


@component
def Delete(ctx):
    properties = _mutation(ctx, op="delete", collection=ctx.enum("collection"))
    properties["base_version"] = {
        "type": "integer",
        "minimum": 1,
        "description": "The version being deleted.",
    }
    return _object(
        properties,
        required=["mutation_id", "collection", "id", "op", "base_version"],
        description="Deletes an entry, leaving a contentless tombstone.",
    )


@component
def Push(ctx):
    return _object(
        {
            "schema": {
                "type": "integer",
                "minimum": OLDEST_SCHEMA,
                "maximum": NEWEST_SCHEMA,
                "description": "The client's schema version. Older than the server's oldest: "
                "409 schema_outdated; newer than the server's newest: 409 schema_unsupported.",
            },
            "client_id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "This install's id (a UUID is best); the server lists it "
                "among the user's devices.",
            },
            "mutations": {
                "type": "array",
                "maxItems": MAX_MUTATIONS,
                "items": {"oneOf": [*(ctx.ref(c) for c in UPSERT_COMPONENTS), ctx.ref(Delete)]},
                "description": "No mutation_id and no id may appear twice in one request.",
            },
        },
        required=["schema", "mutations"],
        description="A batch of mutations, at most 2 MiB (sync-protocol.md §3).",
        closed=False,
    )


_ECHO = {
    "mutation_id": {"type": "string", "description": "As sent."},
    "id": {"type": "string", "description": "As sent."},
}


@component
def Applied(ctx):
    return _complete(
        {
            **_ECHO,
            "status": {"type": "string", "enum": ["applied"]},
            "version": {"type": "integer", "minimum": 1},
        },
        description="The change was accepted (or had been, for a resent mutation_id).",
    )


@component
def Conflict(ctx):
    return _complete(
        {
            **_ECHO,
            "status": {"type": "string", "enum": ["conflict"]},
            "current": ctx.ref(Record),
        },
        description="Nothing changed: the record is not at `base_version` (or is a "
        "tombstone, or already exists for a create). Merge with `current` and push again "
        "with `base_version` = `current.version`.",
    )


@component
def Rejected(ctx):
    return _object(
        {
            "mutation_id": _ECHO["mutation_id"],
            "id": _nullable({"type": "string", "description": "As sent, when it was text."}),
            "status": {"type": "string", "enum": ["rejected"]},
            "error": ctx.enum("rejection"),
            "detail": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        required=["mutation_id", "id", "status", "error", "detail"],
        description="The mutation was refused and changed nothing; resending it is useless.",
    )


@component
def PushResult(ctx):
    return {"oneOf": [ctx.ref(Applied), ctx.ref(Conflict), ctx.ref(Rejected)]}


@component
def PushAnswer(ctx):
    return _complete(
        {
            "results": {
                "type": "array",
                "items": ctx.ref(PushResult),
                "description": "One per mutation, in the order sent.",
            },
            "cursor": {"type": "string", "description": "The cursor after this push."},
        },
    )


@component
def PullAnswer(ctx):
    return _complete(
        {
            "changes": {
                "type": "array",
                "items": ctx.ref(Record),
                "description": "In the order accepted; each record at most once, latest state.",
            },
            "cursor": {"type": "string", "description": "Opaque; pull from it next time."},
            "has_more": {"type": "boolean"},
        },
    )


# -- Accounts, tokens, devices (§1) -------------------------------------------------


@component
def Error(ctx):
    return _object(
        {
            "error": {
                "type": "string",
                "description": "A machine code; see docs/sync-protocol.md for the list.",
            },
            "detail": {"type": "string", "description": "A sentence for a person."},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
        required=["error", "detail"],
    )


_CREDENTIALS = {
    "email": {"type": "string", "maxLength": 150},
    "password": {"type": "string", "minLength": 1, "maxLength": 4096},
}


_OTP = {
    "otp": {
        "type": "string",
        "description": "The 6-digit code of the account's authenticator app; needed once the "
        "account has turned two-step sign-in on (else 400 otp_required).",
    }
}


@component
def Credentials(ctx):
    return _object({**_CREDENTIALS, **_OTP}, required=list(_CREDENTIALS), closed=False)


@component
def TokenCreate(ctx):
    return _object(
        {
            **_CREDENTIALS,
            "label": _nullable(
                {"type": "string", "maxLength": 100, "description": "e.g. the device's name"}
            ),
            **_OTP,
        },
        required=list(_CREDENTIALS),
        closed=False,
    )


@component
def Erase(ctx):
    return _object(
        {"password": {"type": "string"}},
        required=["password"],
        description="The account's password, to confirm the erasure.",
        closed=False,
    )


@component
def PasswordChange(ctx):
    return _object(
        {
            "current_password": {"type": "string"},
            "new_password": {"type": "string", "description": "Django's password validators."},
        },
        required=["current_password", "new_password"],
        closed=False,
    )


@component
def PasswordResetRequest(ctx):
    return _object(
        {"email": {"type": "string", "maxLength": 254}}, required=["email"], closed=False
    )


@component
def PasswordResetAccepted(ctx):
    return _complete(
        {"detail": {"type": "string"}},
        description="The same answer, byte for byte, whether or not the address has an account.",
    )


@component
def TwoFactorSetup(ctx):
    return _complete(
        {
            "otpauth_uri": {"type": "string", "description": "otpauth://totp/… for the app"},
            "qr_svg": {"type": "string", "description": "The same URI as an inline SVG QR code"},
            "secret": {"type": "string", "description": "Base32, to type in by hand"},
        },
        description="A new authenticator, not yet on: confirm it with one of its codes.",
    )


@component
def TwoFactorCode(ctx):
    return _object({"code": {"type": "string"}}, required=["code"], closed=False)


@component
def TwoFactorState(ctx):
    return _complete({"enabled": {"type": "boolean"}})


@component
def TwoFactorConfirmed(ctx):
    return _complete({"enabled": {"type": "boolean", "enum": [True]}})


@component
def TwoFactorOff(ctx):
    return _object(
        {"password": {"type": "string"}},
        required=["password"],
        description="The account's password, to turn two-step sign-in off.",
        closed=False,
    )


@component
def Account(ctx):
    return _complete({"id": {"type": "integer"}, "email": {"type": "string"}})


@component
def TokenCreated(ctx):
    return _complete(
        {
            "token": {
                "type": "string",
                "description": "Shown once; send it as `Authorization: Token <token>`.",
            }
        }
    )


@component
def TokenList(ctx):
    token = _complete(
        {
            "id": {"type": "integer"},
            "label": {"type": "string"},
            "created_at": _TIME,
            "last_used_at": _nullable(_TIME),
            "current": {"type": "boolean", "description": "The token this call used."},
        }
    )
    return _list_of("tokens", token, "The caller's working tokens, newest first; never their keys.")


@component
def DeviceList(ctx):
    device = _complete(
        {
            "id": {"type": "string", "description": "Opaque; DELETE /auth/devices/{id} ends it."},
            "kind": {"type": "string", "enum": ["session", "token"]},
            "label": {"type": "string", "description": "A token's label; empty for a session."},
            "user_agent": {"type": "string", "description": "e.g. Firefox on Android"},
            "client_id": _nullable(
                {"type": "string", "description": "The install that pushed with it, if one did."}
            ),
            "first_seen": _TIME,
            "last_seen": _TIME,
            "current": {"type": "boolean", "description": "The sign-in this call used."},
        }
    )
    return _list_of(
        "devices",
        device,
        "Every working sign-in of the caller (cookie sessions and tokens), latest seen first.",
    )


# -- Catalogue (§5) and exports (§6) ----------------------------------------------------


@component
def Catalog(ctx):
    drug = _complete(
        {
            "slug": {"type": "string"},
            "generic_name": {"type": "string"},
            "brand_names": {"type": "array", "items": {"type": "string"}},
            "drug_class": {"type": "string", "enum": list(Drug.DrugClass.values)},
            "rating": {
                "type": "string",
                "enum": list(Drug.Rating.values),
                "description": "How the reviewed content rates it for ROS1+ cancer.",
            },
            "rating_label": {"type": "string"},
            "treats_brain": {"type": "string", "enum": list(Drug.Brain.values)},
            "warning": _nullable({"type": "string"}),
        },
        closed=False,
    )
    term = _complete(
        {
            "slug": {"type": "string"},
            "patient_term": {"type": "string"},
            "ctcae_term": {"type": "string"},
            "description": {"type": "string"},
            "checkin": {
                "type": "boolean",
                "description": "The weekly check-in asks about it by default (reviewers choose).",
            },
            "checkin_attributes": {
                "type": "array",
                "items": ctx.enum("checkin_attribute"),
                "uniqueItems": True,
                "description": "What a check-in rates it on (from its PRO-CTCAE item); "
                "empty: not rated in a check-in.",
            },
        },
        closed=False,
    )
    choice = _complete(
        {
            "value": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "label": {"type": "string"},
        },
    )
    return _complete(
        {
            "version": {
                "type": "integer",
                "description": "Changes whenever a reviewer publishes a change.",
            },
            "drugs": {"type": "array", "items": drug},
            "side_effect_terms": {"type": "array", "items": term},
            "enumerations": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": choice},
                "description": "Each enumeration of the journal's forms, with labels.",
            },
            "contract": _contract_block(),
        },
        closed=False,
    )


def _contract_block() -> SchemaDict:
    """The catalogue's `contract`: `tracker.contract.describe()`, which the device checks with."""
    text, number = {"type": "string"}, {"type": "integer"}
    plain_field: SchemaDict = {
        "name": text,
        "type": {"type": "string", "enum": list(contract.KINDS)},
        "required": {"type": "boolean"},
        "nullable": {
            "type": "boolean",
            "description": "Optional and may be null; else a missing field is empty.",
        },
        "max_length": number,
        "low": number,
        "high": number,
        "enum": {"type": "string", "description": "A key of `enumerations`."},
    }
    rule = _object(
        {
            "name": text,
            "kind": {"type": "string", "enum": list(contract.RULE_KINDS)},
            "field": {**text, "description": "The field the rule refuses."},
            "other": text,
            "value": text,
            "catalogue": {**text, "description": "drugs or side_effect_terms"},
            "pattern": {**text, "description": "A regular expression the whole text matches."},
            "key": {**text, "description": "unique: the item field compared."},
            "among": {
                "type": "array",
                "items": text,
                "description": "any_set: the fields of which one at least is set.",
            },
            "message": {
                **text,
                "description": "`%(field)s` stands for `other`, `%(value)s` for a value.",
            },
        },
        required=["name", "kind", "field", "message"],
    )
    required = ["name", "type", "required", "nullable"]
    item_field = _object(plain_field, required=required)
    field = _object(
        {
            **plain_field,
            "max_items": {**number, "description": "object_list: at most this many items."},
            "item": {
                **_complete(
                    {
                        "fields": {"type": "array", "items": item_field},
                        "rules": {"type": "array", "items": rule},
                    }
                ),
                "description": "object_list: each item's fields and rules.",
            },
        },
        required=required,
    )
    return _complete(
        {
            "collections": {
                "type": "object",
                "additionalProperties": _complete(
                    {
                        "fields": {"type": "array", "items": field},
                        "rules": {"type": "array", "items": rule},
                    }
                ),
                "description": "Each collection's fields, in the order they are stored, "
                "and its named rules.",
            },
            "messages": {
                "type": "object",
                "additionalProperties": text,
                "description": "The message of each way a field can be wrong, in the "
                "request's language; `%(name)s` and `%(name)d` stand for values.",
            },
        },
        description="The record contract of sync-protocol.md §2 (tracker/contract.py), "
        "from which a device checks entries as the server does.",
    )


@component
def JournalExport(ctx):
    return _complete(
        {
            "schema": {
                "type": "integer",
                "enum": [2],
                "description": "The sync schema the records follow (2: check-ins included).",
            },
            "exported_at": _TIME,
            "records": {
                "type": "array",
                "items": ctx.ref(Record),
                "description": "Every live record, oldest change first; no tombstones.",
            },
        },
    )


@component
def JournalCsv(ctx):
    return {
        "type": "string",
        "description": "UTF-8 CSV with a header row: `collection`, `updated_at`, then every "
        "field of the four collections (without `course`), one row per live entry. Drugs and "
        "side effects by their published names, `sites` joined with `; `, booleans yes/no. "
        "A cell that would start like a spreadsheet formula is prefixed with an apostrophe. "
        "The same file a clinic downloads of a share (clinics/exports.py: records_csv).",
    }


@component
def FhirBundle(ctx):
    return {
        "type": "object",
        "description": "An HL7 FHIR R4 Bundle of type collection: a Patient (an opaque id "
        "only), courses as MedicationStatement, scans as DiagnosticReport (with a RECIST "
        "Observation in `result` when set), side effects as AdverseEvent, weekly check-ins as "
        "QuestionnaireResponse, and a Provenance "
        "naming the patient as author. Every fullUrl is urn:uuid:<id>. See "
        "https://hl7.org/fhir/R4/bundle.html.",
        "properties": {
            "resourceType": {"type": "string", "enum": ["Bundle"]},
            "type": {"type": "string", "enum": ["collection"]},
            "timestamp": _TIME,
            "meta": {"type": "object"},
            "entry": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "fullUrl": {"type": "string", "pattern": "^urn:uuid:"},
                        "resource": {
                            "type": "object",
                            "properties": {
                                "resourceType": {
                                    "type": "string",
                                    "enum": [
                                        "Patient",
                                        "MedicationStatement",
                                        "DiagnosticReport",
                                        "Observation",
                                        "AdverseEvent",
                                        "QuestionnaireResponse",
                                        "Provenance",
                                    ],
                                }
                            },
                            "required": ["resourceType"],
                        },
                    },
                    "required": ["fullUrl", "resource"],
                },
            },
        },
        "required": ["resourceType", "type", "timestamp", "entry"],
    }


# -- Authentication --------------------------------------------------------------------


class _TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>` from POST /api/v1/auth/token. No CSRF token needed.",
        }


# -- Endpoints --------------------------------------------------------------------------


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=Error, description=description)


_UNAUTHENTICATED = {
    401: _error("not_authenticated or authentication_failed: no session and no valid token."),
    403: _error("A session's unsafe call without its CSRF token (X-CSRFToken)."),
}
_BUSY = {503: _error("service_unavailable: the database is busy or down; retry after Retry-After.")}
_INVALID = {400: _error("invalid_json, invalid or invalid_request; see `fields`.")}
# Every API call but a push (which takes 2 MiB) refuses a body over 64 KiB.
_TOO_LARGE = {413: _error("request_too_large: the body is over 64 KiB; it was not read.")}
_STAFF = _error(
    "staff_account: a staff account, which signs in at /clinic/login/ or /admin/ with its "
    "second factor (answered only once the password is right)."
)


_SIGNED_IN = {**_UNAUTHENTICATED, **_BUSY}
_NOT_ACCEPTABLE = _error("not_acceptable: the Accept header excludes application/json.")
# For views declared outside ENDPOINTS, which adds it itself.
NOT_ACCEPTABLE = {406: _NOT_ACCEPTABLE}


def _read(operation_id: str, summary: str, answer: type[RawComponent]) -> dict[str, Any]:
    """A signed-in GET of something of the caller's."""
    return dict(operation_id=operation_id, summary=summary, responses={**_SIGNED_IN, 200: answer})


def _revoke(
    operation_id: str, summary: str, *, done: str, refused: dict[int, str]
) -> dict[str, Any]:
    """A signed-in call with no body that answers 204 `done`, or an error of `refused`."""
    return dict(
        operation_id=operation_id,
        summary=summary,
        request=None,
        responses={
            **_SIGNED_IN,
            204: OpenApiResponse(description=done),
            **{code: _error(text) for code, text in refused.items()},
        },
    )


ENDPOINTS: dict[str, dict[str, dict[str, Any]]] = {
    "accounts.apis.RegisterApi": {
        "post": dict(
            operation_id="auth_register",
            summary="Create an account and sign this session in",
            request=Credentials,
            responses={
                **_INVALID,
                **_BUSY,
                **_TOO_LARGE,
                201: OpenApiResponse(Account, "Created; the session cookie is set."),
            },
            auth=[],
        )
    },
    "accounts.apis.LoginApi": {
        "post": dict(
            operation_id="auth_login",
            summary="Sign a browser session in",
            request=Credentials,
            responses={
                **_BUSY,
                200: OpenApiResponse(Account, "Signed in; the session cookie is set."),
                400: _error(
                    "invalid_credentials; otp_required or invalid_otp once two-step sign-in is on."
                ),
                403: _STAFF,
                **_TOO_LARGE,
                429: _error("too_many_attempts: too many failures for this account."),
            },
            auth=[],
        )
    },
    "accounts.apis.LogoutApi": {
        "post": dict(
            operation_id="auth_logout",
            summary="End the browser session",
            request=None,
            responses={**_UNAUTHENTICATED, 204: OpenApiResponse(description="Signed out")},
        )
    },
    "accounts.apis.MeApi": {
        "get": _read("auth_me", "The signed-in account (also sets the CSRF cookie)", Account),
        "delete": dict(
            operation_id="auth_erase",
            summary="Erase the account, every record, share, token and device",
            request=Erase,
            responses={
                **_SIGNED_IN,
                **_INVALID,
                **_TOO_LARGE,
                204: OpenApiResponse(description="Erased"),
                403: _error(
                    "staff_account from a staff session; last_clinic_admin; or a session's "
                    "unsafe call without its CSRF token."
                ),
                429: _error("too_many_attempts"),
            },
        ),
    },
    "accounts.apis.TokenApi": {
        "post": dict(
            operation_id="auth_token_create",
            summary="Make a bearer token from email and password",
            request=TokenCreate,
            responses={
                **_BUSY,
                201: TokenCreated,
                400: _error(
                    "invalid_credentials, otp_required, invalid_otp, or invalid with `fields` "
                    "(label)"
                ),
                403: _STAFF,
                **_TOO_LARGE,
                429: _error("too_many_attempts"),
            },
            auth=[],
        ),
        "delete": _revoke(
            "auth_token_revoke",
            "Revoke the token this call is made with",
            done="Revoked",
            refused={400: "not_token_authenticated: the call was made with a session."},
        ),
    },
    "accounts.apis.TokenListApi": {
        "get": _read("auth_tokens", "The caller's working tokens", TokenList)
    },
    "accounts.apis.TokenDetailApi": {
        "delete": _revoke(
            "auth_token_revoke_one",
            "Revoke one of the caller's tokens",
            done="Revoked",
            refused={404: "not_found: the caller has no such working token."},
        )
    },
    "accounts.apis.DeviceListApi": {
        "get": _read(
            "auth_devices", "Every working sign-in of the caller, sessions and tokens", DeviceList
        )
    },
    "accounts.apis.DeviceDetailApi": {
        "delete": _revoke(
            "auth_device_revoke",
            "End a sign-in at once (by its id), or forget an install by its client_id",
            done="Ended: the session is deleted or the token revoked.",
            refused={404: "not_found: the caller has no such sign-in or device."},
        )
    },
    "accounts.apis.PasswordApi": {
        "post": dict(
            operation_id="auth_password_change",
            summary="Change the password; every other sign-in of the account ends",
            request=PasswordChange,
            responses={
                **_SIGNED_IN,
                204: OpenApiResponse(description="Changed; this sign-in keeps working."),
                400: _error(
                    "invalid_credentials with `fields.current_password`, or invalid with "
                    "`fields.new_password` (Django's password validators)."
                ),
                429: _error("too_many_attempts"),
            },
        )
    },
    "accounts.apis.PasswordResetApi": {
        "post": dict(
            operation_id="auth_password_reset",
            summary="Email a link to choose a new password (one hour, single use)",
            request=PasswordResetRequest,
            responses={
                **_BUSY,
                202: PasswordResetAccepted,
                400: _error("invalid with `fields.email`: not an email address."),
            },
            auth=[],
        )
    },
    "accounts.apis.TwoFactorApi": {
        "get": _read("auth_two_factor", "Whether two-step sign-in is on", TwoFactorState),
        "post": dict(
            operation_id="auth_two_factor_begin",
            summary="Begin setting up an authenticator app (not on until confirmed)",
            request=None,
            responses={**_SIGNED_IN, 201: TwoFactorSetup},
        ),
        "delete": dict(
            operation_id="auth_two_factor_off",
            summary="Turn two-step sign-in off",
            request=TwoFactorOff,
            responses={
                **_SIGNED_IN,
                204: OpenApiResponse(description="Off"),
                400: _error("invalid_credentials with `fields.password`."),
                429: _error("too_many_attempts"),
            },
        ),
    },
    "accounts.apis.TwoFactorConfirmApi": {
        "post": dict(
            operation_id="auth_two_factor_confirm",
            summary="Turn two-step sign-in on with a code of the new authenticator",
            request=TwoFactorCode,
            responses={
                **_SIGNED_IN,
                200: TwoFactorConfirmed,
                400: _error("invalid_otp with `fields.code`."),
                429: _error("too_many_attempts: too many wrong codes; wait."),
            },
        )
    },
    "tracker.apis.SyncPushApi": {
        "post": dict(
            operation_id="sync_push",
            summary="Apply a batch of mutations, each on its own, in order",
            request=Push,
            responses={
                **_SIGNED_IN,
                200: PushAnswer,
                400: _error(
                    "invalid_json or invalid_request: nothing applied (not an object, no "
                    "mutations, over 500, a repeated mutation_id or id)."
                ),
                409: _error("schema_outdated or schema_unsupported: nothing applied."),
                413: _error("request_too_large: over 2 MiB; nothing applied."),
            },
        )
    },
    "tracker.apis.SyncPullApi": {
        "get": dict(
            operation_id="sync_pull",
            summary="The caller's changes after a cursor, in the order accepted",
            parameters=[
                OpenApiParameter(
                    "cursor",
                    str,
                    description="Opaque, from an earlier pull or push; omit to start from the "
                    "beginning.",
                ),
                OpenApiParameter(
                    "schema",
                    {"type": "integer", "minimum": OLDEST_SCHEMA, "maximum": NEWEST_SCHEMA},
                    description="The client's sync schema, default 1. Changes of collections "
                    "newer than it are left out (the cursor moves past them). A cursor issued "
                    "for an older schema: 410 reset_required.",
                ),
                OpenApiParameter(
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": PULL_LIMIT_MAX},
                    description=f"1 to {PULL_LIMIT_MAX}, default {PULL_LIMIT_DEFAULT}.",
                ),
            ],
            responses={
                **_SIGNED_IN,
                200: PullAnswer,
                400: _error(
                    "invalid_cursor (forged, or made for another user), invalid limit or "
                    "invalid_schema (not a whole number)."
                ),
                409: _error("schema_outdated or schema_unsupported."),
                410: _error(
                    "reset_required: the server no longer knows this point, or the cursor was "
                    "issued for an older schema; pull from the beginning, keeping queued changes."
                ),
            },
        )
    },
    "education.apis.CatalogApi": {
        "get": dict(
            operation_id="catalog",
            summary="What the journal's forms choose from (public, cacheable)",
            responses={
                200: Catalog,
                304: OpenApiResponse(description="Not modified (If-None-Match matched the ETag)"),
                503: _BUSY[503],
            },
            auth=[],
        )
    },
}


def _view_extension(target: str, methods: dict[str, dict[str, Any]]) -> type:
    """A drf-spectacular view extension giving `target` the schema declared above."""

    def view_replacement(self):
        from drf_spectacular.utils import extend_schema_view

        view = type(self.target_class.__name__, (self.target_class,), {})
        return extend_schema_view(
            **{method: extend_schema(**kwargs) for method, kwargs in methods.items()}
        )(view)

    name = "_" + target.rsplit(".", 1)[-1] + "Schema"
    return type(
        name,
        (OpenApiViewExtension,),
        {"target_class": target, "view_replacement": view_replacement},
    )


_UNSUPPORTED = _error("unsupported_media_type: the body is not sent as application/json.")


def _with_negotiation_errors(operation: dict[str, Any]) -> dict[str, Any]:
    """Every API call can answer 406; those that read a JSON body (a push aside) also 415."""
    responses = {406: _NOT_ACCEPTABLE, **operation["responses"]}
    takes_body = operation.get("request") is not None and operation["operation_id"] != "sync_push"
    if takes_body:
        responses.setdefault(415, _UNSUPPORTED)
    return {**operation, "responses": responses}


for _target, _methods in ENDPOINTS.items():
    _view_extension(
        _target, {method: _with_negotiation_errors(op) for method, op in _methods.items()}
    )


# -- Our own views' declarations ---------------------------------------------------------

_ATTACHMENT = "Sent as an attachment (Content-Disposition), never cached (Cache-Control: no-store)."

export_json_schema = extend_schema(
    operation_id="export_json",
    summary="Every live record of the caller, as JSON",
    description=_ATTACHMENT,
    responses={**_SIGNED_IN, **NOT_ACCEPTABLE, 200: JournalExport},
)

export_fhir_schema = extend_schema(
    operation_id="export_fhir",
    summary="The caller's journal as an HL7 FHIR R4 Bundle (questions left out)",
    description=_ATTACHMENT + " Content-Type: application/fhir+json; fhirVersion=4.0.",
    responses={**_SIGNED_IN, **NOT_ACCEPTABLE, 200: OpenApiResponse(FhirBundle, "The bundle")},
)

export_csv_schema = extend_schema(
    operation_id="export_csv",
    summary="Every live entry of the caller as a spreadsheet (CSV)",
    description=_ATTACHMENT + " Content-Type: text/csv; charset=utf-8, whatever the Accept "
    "header says (errors are the JSON error body).",
    responses={
        **_SIGNED_IN,
        (200, "text/csv"): OpenApiResponse(JournalCsv, "The spreadsheet"),
    },
)
