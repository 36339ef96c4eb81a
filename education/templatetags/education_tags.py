"""Template helpers for the public education pages."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date
from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


_SECTION_CACHE: OrderedDict[tuple, str] = OrderedDict()
_SECTION_CACHE_SIZE = 2000
_SECTION_CACHE_LOCK = threading.Lock()


@register.simple_tag
def render_section(section, preview: bool = False) -> SafeString:
    """One section of a topic page. Published sections are rendered once per
    version, stamp, drug links and language, then served from memory."""
    if preview:
        return mark_safe(_render_section(section, preview))  # noqa: S308 - template output
    key = (
        get_language(), section.pk, section.slug, section.version, section.stamp,
        tuple(section.drugs),
    )  # fmt: skip
    with _SECTION_CACHE_LOCK:
        html = _SECTION_CACHE.get(key)
        if html is not None:
            _SECTION_CACHE.move_to_end(key)
    if html is None:
        html = _render_section(section, preview)
        with _SECTION_CACHE_LOCK:
            _SECTION_CACHE[key] = html
            while len(_SECTION_CACHE) > _SECTION_CACHE_SIZE:
                _SECTION_CACHE.popitem(last=False)
    return mark_safe(html)  # noqa: S308 - template output, escaped there


def _render_section(section, preview: bool) -> str:
    return render_to_string("education/_section.html", {"section": section, "preview": preview})


@register.simple_tag
def review_stamp(stamp, small: bool = False) -> SafeString:
    """ "Last medically reviewed on <date> by <name>", or "Awaiting medical review"; never more."""
    if stamp.is_reviewed:
        text = _("Last medically reviewed on %(date)s by %(name)s") % {
            "date": date_format(stamp.reviewed_on, "DATE_FORMAT"),
            "name": stamp.reviewer_names,
        }
    else:
        text = _("Awaiting medical review")
    css = "stamp stamp-small" if small else "stamp"
    return format_html('<p class="{}">{}</p>', css, text)


@register.filter
def checked(value: date | None) -> str:
    """'Checked on May 2, 2024' for the day someone last checked a source."""
    if value is None:
        return ""
    return _("Checked on %(date)s") % {"date": date_format(value, "DATE_FORMAT")}
