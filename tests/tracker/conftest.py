"""Helpers for the journal's tests: signed-in API clients and record builders."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories import DrugFactory, SideEffectTermFactory, published
from tracker.services import token_create

PUSH = "/api/v1/sync/push"
PULL = "/api/v1/sync/pull"


def new_id() -> str:
    return str(uuid.uuid4())


def token_client(user, *, user_agent: str = "pytest") -> APIClient:
    """An API client signed in with a bearer token, as a native client would be."""
    _, key = token_create(user=user, label="test")
    client = APIClient(HTTP_USER_AGENT=user_agent)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def catalogue(db):
    """A published drug `crizotinib` and side-effect term `fatigue`, and an unpublished drug."""
    drug = published(DrugFactory(slug="crizotinib", generic_name="crizotinib"))
    term = published(SideEffectTermFactory(slug="fatigue", patient_term="Tiredness"))
    DrugFactory(slug="draftinib")
    return {"drug": drug, "term": term}


@pytest.fixture
def alice_api(alice, catalogue):
    return token_client(alice)


@pytest.fixture
def bob_api(bob, catalogue):
    return token_client(bob)


def course(**overrides: Any) -> dict[str, Any]:
    data = {"drug": "crizotinib", "start_date": "2026-01-05", "dose": "250 mg twice daily"}
    data.update(overrides)
    return data


def scan(**overrides: Any) -> dict[str, Any]:
    data = {"date": "2026-03-01", "modality": "ct", "sites": ["chest"], "outcome": "stable"}
    data.update(overrides)
    return data


def side_effect(**overrides: Any) -> dict[str, Any]:
    data = {"term": "fatigue", "severity": 2, "onset_date": "2026-02-01"}
    data.update(overrides)
    return data


def question(**overrides: Any) -> dict[str, Any]:
    data = {"text": "Should I take it with food?"}
    data.update(overrides)
    return data


def upsert(
    collection: str,
    data: dict[str, Any],
    *,
    id: str | None = None,
    base_version: int | None = None,
    mutation_id: str | None = None,
) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id or new_id(),
        "collection": collection,
        "id": id or new_id(),
        "op": "upsert",
        "base_version": base_version,
        "data": data,
    }


def delete(collection: str, *, id: str, base_version: int, mutation_id: str | None = None):
    return {
        "mutation_id": mutation_id or new_id(),
        "collection": collection,
        "id": id,
        "op": "delete",
        "base_version": base_version,
    }


def push(client: APIClient, mutations: list[dict], *, client_id: str = "device-a", schema=1):
    """POSTs a push and returns the response."""
    body = {"schema": schema, "client_id": client_id, "mutations": mutations}
    return client.post(PUSH, body, format="json")


def push_ok(client: APIClient, mutations: list[dict], **kwargs) -> list[dict]:
    response = push(client, mutations, **kwargs)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def pull_all(client: APIClient, cursor: str | None = None, limit: int = 200):
    """Pulls until has_more is false; returns (changes, cursor)."""
    changes: list[dict] = []
    while True:
        params = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = client.get(PULL, params)
        assert response.status_code == 200, response.content
        body = response.json()
        changes.extend(body["changes"])
        cursor = body["cursor"]
        if not body["has_more"]:
            return changes, cursor
