"""Template helpers for the public education pages."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from education.rendering import render_markdown

register = template.Library()

_HEADING = re.compile(r"<(/?)h([1-5])>")


@lru_cache(maxsize=4096)
def _render_cached(text: str, shift: int) -> str:
    html = render_markdown(text)
    if shift:
        # A section's own title is a heading; its body's headings sit below it.
        html = _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", html)
    return str(html)


@register.filter(name="markdown")
def markdown_filter(text: str, shift: int = 0) -> SafeString:
    """Reviewer Markdown as sanitised HTML; rendering is cached because bodies change rarely."""
    return mark_safe(_render_cached(text or "", int(shift)))  # noqa: S308 - nh3-cleaned


@register.filter
def precise_date(value: date | None, precision: str = "day") -> str:
    """A date written only as precisely as it is known: '2016', 'March 2016' or 'March 1, 2016'."""
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


@register.inclusion_tag("education/_review_stamp.html")
def review_stamp(stamp, small: bool = False):
    return {"stamp": stamp, "small": small}
