"""Markdown to safe HTML, and the text normalisation search relies on."""

from __future__ import annotations

import re
import unicodedata

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Markdown link targets that must never reach a page, however they are spelt:
# inline ones (with one level of brackets inside, as in `alert(1)`) and
# reference definitions (`[1]: javascript:...`).
_UNSAFE_LINK = re.compile(
    r"\]\(\s*(?:javascript|vbscript|data)\s*:(?:[^()]|\([^()]*\))*\)", re.IGNORECASE
)
_UNSAFE_REFERENCE = re.compile(
    r"^( {0,3}\[[^\]]+\]:)\s*<?\s*(?:javascript|vbscript|data)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)


def sanitize_markdown(text: str) -> str:
    """Strips raw HTML that is not allowed, and unsafe link targets, from Markdown source.

    Run on save so that what is stored is already clean; `render_markdown`
    cleans again on the way out, so a row written by any other path is safe too.
    """
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
    )
    # nh3 escapes the text it keeps; Markdown needs its quote marks and `>`
    # (blockquotes) back. `&lt;` stays escaped so no tag can be re-formed.
    for entity, char in (("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
        cleaned = cleaned.replace(entity, char)
    cleaned = _UNSAFE_REFERENCE.sub(r"\1 #", cleaned)
    return _UNSAFE_LINK.sub("](#)", cleaned)


def render_markdown(text: str) -> SafeString:
    """Renders reviewer Markdown to HTML that can carry no script of any kind."""
    raw_html = md.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    safe_html = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(safe_html)  # noqa: S308 - cleaned by nh3 just above


def normalize_for_search(text: str) -> str:
    """Lower-cases and strips accents, so that 'Crizotinib' and 'crizotínib' match."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_marks.casefold().split())
