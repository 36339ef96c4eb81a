"""The catalogue that tests/js/checkin-validation.test.mjs checks check-ins with is the contract's.

Node's tests cannot ask Django for the contract, so they read a copy
(tests/js/fixtures/checkin-catalog.json); this keeps the copy equal to what the
catalogue serves. After a change to the contract, rewrite it:
`.venv/bin/python -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',
'tests.settings'); django.setup(); from tests.tracker.test_device_checkin_fixture import write;
write()"`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.contract import ENUMERATIONS, describe

FIXTURE = Path(__file__).resolve().parents[1] / "js" / "fixtures" / "checkin-catalog.json"


def device_fixture() -> dict[str, Any]:
    """The catalogue as a device keeps it: two check-in terms, one not rated, and the contract."""
    return {
        "side_effect_terms": [
            {
                "slug": "fatigue",
                "checkin": True,
                "checkin_attributes": ["severity", "interference"],
            },
            {"slug": "nausea", "checkin": True, "checkin_attributes": ["frequency", "severity"]},
            {"slug": "raised-alt", "checkin": False, "checkin_attributes": []},
        ],
        "drugs": [],
        "enumerations": ENUMERATIONS,
        "contract": describe(),
    }


def as_text(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write() -> None:
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(as_text(device_fixture()), encoding="utf-8")


def test_the_node_tests_check_check_ins_with_the_contract_the_catalogue_serves():
    assert FIXTURE.read_text(encoding="utf-8") == as_text(device_fixture()), (
        "the contract changed: rewrite tests/js/fixtures/checkin-catalog.json from device_fixture()"
    )
