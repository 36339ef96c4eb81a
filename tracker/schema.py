"""The OpenAPI description of the journal API (sync-protocol.md), served at /api/v1/schema/.

Everything the schema says about the API lives here, so that the API classes
stay thin: each request and answer shape is a component written out in plain
OpenAPI (the exact enums, formats and limits of the contract, which DRF
serializer fields cannot all say), and each endpoint's description is attached
to its view with a drf-spectacular view extension rather than a decorator in
the view's module. The enumerations come from the same tables the validation
uses (`education.selectors.ENUMERATIONS` via `tracker.validation`), so the
schema cannot drift from what the server accepts.

This module is imported by `tracker.urls`, which registers the extensions.
"""

from __future__ import annotations

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
from tracker.contract import (
    DOSE_MAX,
    QUESTION_TEXT_MAX,
    SLUG_MAX,
    SLUG_RE,
    TEXT_MAX,
    enum_values,
)
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


def _text(max_length: int = TEXT_MAX, **extra: Any) -> SchemaDict:
    return {"type": "string", "maxLength": max_length, **extra}


def _date(description: str) -> SchemaDict:
    return {"type": "string", "format": "date", "description": description}


def _described(ref: SchemaDict, description: str) -> SchemaDict:
    """A reference with a description of its own (OpenAPI 3.0 ignores siblings of $ref)."""
    return {"allOf": [ref], "description": description}


_UUID = {"type": "string", "format": "uuid"}
_TIME = {"type": "string", "format": "date-time", "description": "UTC, ISO 8601"}
_NOT_AFTER_TODAY = "YYYY-MM-DD; not after the server's date plus one day."
_COURSE_REF = (
    "The id of one of the same user's courses, kept as written: it need not exist yet "
    "and may be a tombstone."
)


# The contract's enumerations, each one named component that every field using
# it refers to (outcome and brain_outcome share `Outcome`).
ENUMS: dict[str, tuple[str, tuple, str]] = {
    "collection": ("Collection", tuple(Collection.values), "The four collections."),
    "stop_reason": (
        "StopReason",
        enum_values("stop_reason"),
        "Why a course stopped; `access`: cost or availability.",
    ),
    "modality": ("Modality", enum_values("modality"), "Kind of scan."),
    "site": ("Site", enum_values("site"), "A body site a scan looked at."),
    "outcome": (
        "Outcome",
        enum_values("outcome"),
        "What the doctor said; `baseline`: first scan of a course.",
    ),
    "recist": (
        "Recist",
        enum_values("recist"),
        "RECIST 1.1 category, only as stated by the radiology report.",
    ),
    "severity": (
        "Severity",
        enum_values("severity"),
        "1 mild, 2 moderate, 3 severe, 4 very severe (PRO-CTCAE).",
    ),
    "interference": (
        "Interference",
        enum_values("interference"),
        "0 not at all, 1 a little bit, 2 somewhat, 3 quite a bit, 4 very much (PRO-CTCAE).",
    ),
    "action": ("Action", enum_values("action"), "What was done about a side effect."),
    "rejection": (
        "RejectionError",
        ("invalid", "id_unavailable", "not_found"),
        "invalid: see `fields`; id_unavailable: the id cannot be used, make a new one; "
        "not_found: a change to an id that does not exist.",
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
        component = ResolvedComponent(
            name=component_name,
            type=ResolvedComponent.SCHEMA,
            object=f"tracker.schema.enum.{name}",
            schema={"type": kind, "enum": list(values), "description": description},
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


def _data(
    direction: str, fields: dict[str, tuple[SchemaDict, bool, Any]], description: str
) -> SchemaDict:
    """A collection's `data`: as sent (optional fields may be missing or null) or as stored.

    `fields` maps each name to (schema, required, stored-empty): stored-empty is
    what a missing optional field is stored as ("" for text, [] for lists,
    False for `asked`; None otherwise), which decides whether the stored field
    can be null.
    """
    properties: SchemaDict = {}
    for name, (schema, required, empty) in fields.items():
        if direction == "request":
            properties[name] = schema if required else _nullable(schema)
        else:
            properties[name] = _nullable(schema) if (not required and empty is None) else schema
    if direction == "request":
        required = [name for name, (_, req, _e) in fields.items() if req]
        description += " A missing optional field is taken as null (empty for text and lists)."
    else:
        required = list(fields)
        description += " As stored: every field is present."
    return _object(properties, required=required, description=description)


# -- The four collections' data (sync-protocol.md §2) ------------------------------


class CourseData(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _data(
            ctx.direction,
            {
                "drug": (
                    _text(SLUG_MAX, description="A drug slug from the catalogue, or `other`."),
                    True,
                    None,
                ),
                "drug_name": (_text(description="Required when `drug` is `other`."), False, None),
                "start_date": (_date(_NOT_AFTER_TODAY), True, None),
                "stop_date": (
                    _date("Not before `start_date`; " + _NOT_AFTER_TODAY),
                    False,
                    None,
                ),
                "dose": (_text(DOSE_MAX, description="e.g. 600 mg once daily"), False, None),
                "line": (
                    {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 20,
                        "description": "Line of therapy",
                    },
                    False,
                    None,
                ),
                "stop_reason": (
                    _described(ctx.enum("stop_reason"), "Only together with a `stop_date`."),
                    False,
                    None,
                ),
                "notes": (_text(), False, ""),
            },
            "One period on one treatment (collection `courses`).",
        )


class ScanData(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _data(
            ctx.direction,
            {
                "date": (_date(_NOT_AFTER_TODAY), True, None),
                "modality": (ctx.enum("modality"), True, None),
                "sites": (
                    {"type": "array", "items": ctx.enum("site"), "uniqueItems": True},
                    False,
                    [],
                ),
                "outcome": (
                    _described(ctx.enum("outcome"), "What the doctor said overall."),
                    True,
                    None,
                ),
                "brain_outcome": (
                    _described(
                        ctx.enum("outcome"),
                        "The same words for the brain alone; only when `brain` is a site.",
                    ),
                    False,
                    None,
                ),
                "recist": (
                    ctx.enum("recist"),
                    False,
                    None,
                ),
                "course": ({**_UUID, "description": _COURSE_REF}, False, None),
                "notes": (_text(), False, ""),
            },
            "One imaging result, in the patient's words (collection `scans`).",
        )


class SideEffectData(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _data(
            ctx.direction,
            {
                "term": (
                    _text(SLUG_MAX, description="A term slug from the catalogue, or `other`."),
                    True,
                    None,
                ),
                "term_other": (_text(description="Required when `term` is `other`."), False, None),
                "severity": (
                    ctx.enum("severity"),
                    True,
                    None,
                ),
                "interference": (
                    ctx.enum("interference"),
                    False,
                    None,
                ),
                "onset_date": (_date(_NOT_AFTER_TODAY), True, None),
                "resolved_date": (
                    _date("Not before `onset_date`; " + _NOT_AFTER_TODAY),
                    False,
                    None,
                ),
                "action": (ctx.enum("action"), False, None),
                "course": ({**_UUID, "description": _COURSE_REF}, False, None),
                "notes": (_text(), False, ""),
            },
            "One side effect over a period (collection `side_effects`).",
        )


class QuestionData(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _data(
            ctx.direction,
            {
                "text": (
                    _text(QUESTION_TEXT_MAX, minLength=1, description="Not only spaces."),
                    True,
                    None,
                ),
                "source": (
                    _text(
                        SLUG_MAX,
                        pattern=SLUG_RE.pattern,
                        description="Slug of the education question it came from.",
                    ),
                    False,
                    None,
                ),
                "asked": ({"type": "boolean"}, False, False),
                "answer": (_text(), False, ""),
            },
            "A question for the next appointment (collection `questions`).",
        )


DATA_COMPONENTS: dict[str, type[RawComponent]] = {
    Collection.COURSES: CourseData,
    Collection.SCANS: ScanData,
    Collection.SIDE_EFFECTS: SideEffectData,
    Collection.QUESTIONS: QuestionData,
}

# -- Envelope, push, pull (§2–§4) -------------------------------------------------


class Record(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
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
            required=["collection", "id", "version", "deleted", "updated_at", "data"],
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


class CourseUpsert(_Upsert):
    collection, data = Collection.COURSES.value, CourseData


class ScanUpsert(_Upsert):
    collection, data = Collection.SCANS.value, ScanData


class SideEffectUpsert(_Upsert):
    collection, data = Collection.SIDE_EFFECTS.value, SideEffectData


class QuestionUpsert(_Upsert):
    collection, data = Collection.QUESTIONS.value, QuestionData


UPSERT_COMPONENTS = (CourseUpsert, ScanUpsert, SideEffectUpsert, QuestionUpsert)


class Delete(RawComponent):
    @classmethod
    def openapi(cls, ctx):
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


class Push(RawComponent):
    @classmethod
    def openapi(cls, ctx):
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


class Applied(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                **_ECHO,
                "status": {"type": "string", "enum": ["applied"]},
                "version": {"type": "integer", "minimum": 1},
            },
            required=["mutation_id", "id", "status", "version"],
            description="The change was accepted (or had been, for a resent mutation_id).",
        )


class Conflict(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                **_ECHO,
                "status": {"type": "string", "enum": ["conflict"]},
                "current": ctx.ref(Record),
            },
            required=["mutation_id", "id", "status", "current"],
            description="Nothing changed: the record is not at `base_version` (or is a "
            "tombstone, or already exists for a create). Merge with `current` and push again "
            "with `base_version` = `current.version`.",
        )


class Rejected(RawComponent):
    @classmethod
    def openapi(cls, ctx):
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


class PushResult(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return {"oneOf": [ctx.ref(Applied), ctx.ref(Conflict), ctx.ref(Rejected)]}


class PushAnswer(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "results": {
                    "type": "array",
                    "items": ctx.ref(PushResult),
                    "description": "One per mutation, in the order sent.",
                },
                "cursor": {"type": "string", "description": "The cursor after this push."},
            },
            required=["results", "cursor"],
        )


class PullAnswer(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "changes": {
                    "type": "array",
                    "items": ctx.ref(Record),
                    "description": "In the order accepted; each record at most once, latest state.",
                },
                "cursor": {"type": "string", "description": "Opaque; pull from it next time."},
                "has_more": {"type": "boolean"},
            },
            required=["changes", "cursor", "has_more"],
        )


# -- Accounts, tokens, devices (§1) -------------------------------------------------


class Error(RawComponent):
    @classmethod
    def openapi(cls, ctx):
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


class Credentials(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "email": {"type": "string", "maxLength": 150},
                "password": {"type": "string", "minLength": 1, "maxLength": 4096},
            },
            required=["email", "password"],
            closed=False,
        )


class TokenCreate(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "email": {"type": "string", "maxLength": 150},
                "password": {"type": "string", "minLength": 1, "maxLength": 4096},
                "label": _nullable(
                    {"type": "string", "maxLength": 100, "description": "e.g. the device's name"}
                ),
            },
            required=["email", "password"],
            closed=False,
        )


class Erase(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {"password": {"type": "string"}},
            required=["password"],
            description="The account's password, to confirm the erasure.",
            closed=False,
        )


class Account(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {"id": {"type": "integer"}, "email": {"type": "string"}}, required=["id", "email"]
        )


class TokenCreated(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "token": {
                    "type": "string",
                    "description": "Shown once; send it as `Authorization: Token <token>`.",
                }
            },
            required=["token"],
        )


class TokenList(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        token = _object(
            {
                "id": {"type": "integer"},
                "label": {"type": "string"},
                "created_at": _TIME,
                "last_used_at": _nullable(_TIME),
                "current": {"type": "boolean", "description": "The token this call used."},
            },
            required=["id", "label", "created_at", "last_used_at", "current"],
        )
        return _object(
            {"tokens": {"type": "array", "items": token}},
            required=["tokens"],
            description="The caller's working tokens, newest first; never their keys.",
        )


class DeviceList(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        device = _object(
            {
                "client_id": {"type": "string"},
                "first_seen": _TIME,
                "last_seen": _TIME,
                "user_agent": {"type": "string", "description": "e.g. Firefox on Android"},
            },
            required=["client_id", "first_seen", "last_seen", "user_agent"],
        )
        return _object(
            {"devices": {"type": "array", "items": device}},
            required=["devices"],
            description="The installs that have pushed to the caller's journal, latest first.",
        )


# -- Catalogue (§5) and exports (§6) ----------------------------------------------------


class Catalog(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        drug = _object(
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
            required=[
                "slug",
                "generic_name",
                "brand_names",
                "drug_class",
                "rating",
                "rating_label",
                "treats_brain",
                "warning",
            ],
            closed=False,
        )
        term = _object(
            {
                "slug": {"type": "string"},
                "patient_term": {"type": "string"},
                "ctcae_term": {"type": "string"},
                "description": {"type": "string"},
            },
            required=["slug", "patient_term", "ctcae_term", "description"],
            closed=False,
        )
        choice = _object(
            {
                "value": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                "label": {"type": "string"},
            },
            required=["value", "label"],
        )
        return _object(
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
            },
            required=["version", "drugs", "side_effect_terms", "enumerations"],
            closed=False,
        )


class JournalExport(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return _object(
            {
                "schema": {"type": "integer", "enum": [1]},
                "exported_at": _TIME,
                "records": {
                    "type": "array",
                    "items": ctx.ref(Record),
                    "description": "Every live record, oldest change first; no tombstones.",
                },
            },
            required=["schema", "exported_at", "records"],
        )


class FhirBundle(RawComponent):
    @classmethod
    def openapi(cls, ctx):
        return {
            "type": "object",
            "description": "An HL7 FHIR R4 Bundle of type collection: a Patient (an opaque id "
            "only), courses as MedicationStatement, scans as DiagnosticReport (with a RECIST "
            "Observation in `result` when set), side effects as AdverseEvent, and a Provenance "
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
    target_class = "tracker.authentication.BearerTokenAuthentication"
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


_SIGNED_IN = {**_UNAUTHENTICATED, **_BUSY}
_NOT_ACCEPTABLE = _error("not_acceptable: the Accept header excludes application/json.")
# For views declared outside ENDPOINTS, which adds it itself.
NOT_ACCEPTABLE = {406: _NOT_ACCEPTABLE}

ENDPOINTS: dict[str, dict[str, dict[str, Any]]] = {
    "tracker.apis.RegisterApi": {
        "post": dict(
            operation_id="auth_register",
            summary="Create an account and sign this session in",
            request=Credentials,
            responses={
                **_INVALID,
                **_BUSY,
                201: OpenApiResponse(Account, "Created; the session cookie is set."),
            },
            auth=[],
        )
    },
    "tracker.apis.LoginApi": {
        "post": dict(
            operation_id="auth_login",
            summary="Sign a browser session in",
            request=Credentials,
            responses={
                **_BUSY,
                200: OpenApiResponse(Account, "Signed in; the session cookie is set."),
                400: _error("invalid_credentials"),
                429: _error("too_many_attempts: too many failures for this account or address."),
            },
            auth=[],
        )
    },
    "tracker.apis.LogoutApi": {
        "post": dict(
            operation_id="auth_logout",
            summary="End the browser session",
            request=None,
            responses={**_UNAUTHENTICATED, 204: OpenApiResponse(description="Signed out")},
        )
    },
    "tracker.apis.MeApi": {
        "get": dict(
            operation_id="auth_me",
            summary="The signed-in account (also sets the CSRF cookie)",
            responses={**_SIGNED_IN, 200: Account},
        ),
        "delete": dict(
            operation_id="auth_erase",
            summary="Erase the account, every record, share, token and device",
            request=Erase,
            responses={
                **_SIGNED_IN,
                **_INVALID,
                204: OpenApiResponse(description="Erased"),
                429: _error("too_many_attempts"),
            },
        ),
    },
    "tracker.apis.TokenApi": {
        "post": dict(
            operation_id="auth_token_create",
            summary="Make a bearer token from email and password",
            request=TokenCreate,
            responses={
                **_BUSY,
                201: TokenCreated,
                400: _error("invalid_credentials, or invalid with `fields` (label)"),
                429: _error("too_many_attempts"),
            },
            auth=[],
        ),
        "delete": dict(
            operation_id="auth_token_revoke",
            summary="Revoke the token this call is made with",
            request=None,
            responses={
                **_SIGNED_IN,
                204: OpenApiResponse(description="Revoked"),
                400: _error("not_token_authenticated: the call was made with a session."),
            },
        ),
    },
    "tracker.apis.TokenListApi": {
        "get": dict(
            operation_id="auth_tokens",
            summary="The caller's working tokens",
            responses={**_SIGNED_IN, 200: TokenList},
        )
    },
    "tracker.apis.TokenDetailApi": {
        "delete": dict(
            operation_id="auth_token_revoke_one",
            summary="Revoke one of the caller's tokens",
            request=None,
            responses={
                **_SIGNED_IN,
                204: OpenApiResponse(description="Revoked"),
                404: _error("not_found: the caller has no such working token."),
            },
        )
    },
    "tracker.apis.DeviceListApi": {
        "get": dict(
            operation_id="auth_devices",
            summary="The installs that have synced the caller's journal",
            responses={**_SIGNED_IN, 200: DeviceList},
        )
    },
    "tracker.apis.DeviceDetailApi": {
        "delete": dict(
            operation_id="auth_device_revoke",
            summary="Forget a device and sign it out (its token is revoked, its session ended)",
            request=None,
            responses={
                **_SIGNED_IN,
                204: OpenApiResponse(description="Forgotten"),
                404: _error("not_found: the caller has no such device."),
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
                    "limit",
                    {"type": "integer", "minimum": 1, "maximum": PULL_LIMIT_MAX},
                    description=f"1 to {PULL_LIMIT_MAX}, default {PULL_LIMIT_DEFAULT}.",
                ),
            ],
            responses={
                **_SIGNED_IN,
                200: PullAnswer,
                400: _error("invalid_cursor (forged, or made for another user) or invalid limit."),
                410: _error(
                    "reset_required: the server no longer knows this point; pull from the "
                    "beginning, keeping queued changes."
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
