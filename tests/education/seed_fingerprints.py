"""Fingerprints of the seed text, so that the originality check runs without it.

The seed (../shared/seed/ros1-treatment-options.txt) is another group's page:
it is not copied into this repository. What is kept is a short hash of every
run of eight words in it, enough to find a copied phrase and useless for
reading the page back. Regenerate after the seed changes:

    .venv/bin/python -m tests.education.seed_fingerprints ../shared/seed/ros1-treatment-options.txt
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

RUN_LENGTH = 8
FINGERPRINTS_PATH = Path(__file__).with_name("seed_fingerprints.txt")


def words(text: str) -> list[str]:
    # A web address is a fact, not a sentence: it may be carried as it is.
    text = re.sub(r"https?://\S+", " ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def fingerprint(run: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


@functools.cache
def run_fingerprints(text: str, n: int = RUN_LENGTH) -> frozenset[str]:
    found = words(text)
    return frozenset(fingerprint(found[i : i + n]) for i in range(len(found) - n + 1))


def committed_fingerprints() -> frozenset[str]:
    lines = FINGERPRINTS_PATH.read_text(encoding="ascii").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def main(seed_path: str) -> None:
    found = sorted(run_fingerprints(Path(seed_path).read_text(encoding="utf-8")))
    header = (
        f"# SHA-256 (first 16 hex digits) of every run of {RUN_LENGTH} words in the seed text,\n"
        "# written by tests/education/seed_fingerprints.py; see that file.\n"
    )
    FINGERPRINTS_PATH.write_text(header + "\n".join(found) + "\n", encoding="ascii")
    print(f"{len(found)} fingerprints written to {FINGERPRINTS_PATH}")


if __name__ == "__main__":
    main(sys.argv[1])
