"""How hard a text is to read: the Flesch-Kincaid grade of its plain words."""

from __future__ import annotations

import html
import re

import textstat

# The site's target: most adults read grade 8 text easily, even when tired.
TARGET_GRADE = 8.0

_TAG = re.compile(r"<[^>]+>")
# Bounded, and no "[" inside, so that a run of brackets costs linear time.
_LINK = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}\)")
_MARKS = re.compile(r"[*_`#>|~]+")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")
# Lines that are a block on their own: headings and table rows.
_ONE_LINE_BLOCK = re.compile(r"^\s*(?:#|\|)")
_ENDS_SENTENCE = re.compile(r"[.!?:;]$")


def plain_text(markdown_text: str) -> str:
    """The words a patient reads, without Markdown or HTML.

    Read line by line with plain patterns, in time that grows with the text
    (Markdown's own parser can take seconds on a long paste of brackets).
    Each paragraph, list item, heading or table row ends a sentence, so that a
    list item counts as a sentence of its own rather than running into the next.
    """
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in (markdown_text or "").splitlines():
        if not line.strip() or _BLOCK_START.match(line):
            if current:
                blocks.append(current)
            current = []
        if line.strip():
            current.append(line)
        if _ONE_LINE_BLOCK.match(line):
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    sentences = []
    for block in blocks:
        text = html.unescape(_TAG.sub(" ", " ".join(block)))
        text = _MARKS.sub(" ", _LINK.sub(r"\1", text.lstrip(" -+*0123456789.)")))
        text = " ".join(text.split())
        if text:
            sentences.append(text if _ENDS_SENTENCE.search(text) else text + ".")
    return " ".join(sentences)


def reading_grade(markdown_text: str) -> float | None:
    """Flesch-Kincaid grade of a Markdown text; None when it has no words to judge."""
    text = plain_text(markdown_text)
    if len(text.split()) < 3:
        return None
    # Very short words and sentences give a formula result below 0: grade 0.
    return max(0.0, round(float(textstat.flesch_kincaid_grade(text)), 1))
