"""How hard a text is to read: the Flesch-Kincaid grade of its plain words."""

from __future__ import annotations

import html
import re

import textstat

from education.rendering import render_markdown

# The site's target: most adults read grade 8 text easily, even when tired.
TARGET_GRADE = 8.0

_TAG = re.compile(r"<[^>]+>")
# Block ends become full stops, so that a list item or heading counts as a
# sentence of its own rather than running into the next one.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|blockquote)>", re.IGNORECASE)


def plain_text(markdown_text: str) -> str:
    """The words a patient reads, without Markdown or HTML."""
    rendered = _BLOCK_END.sub(".\n", str(render_markdown(markdown_text or "")))
    text = html.unescape(_TAG.sub(" ", rendered))
    text = re.sub(r"([.!?:;])\s*\.", r"\1", text)  # no doubled stops
    return " ".join(text.split())


def reading_grade(markdown_text: str) -> float | None:
    """Flesch-Kincaid grade of a Markdown text; None when it has no words to judge."""
    text = plain_text(markdown_text)
    if len(text.split()) < 3:
        return None
    return round(float(textstat.flesch_kincaid_grade(text)), 1)
