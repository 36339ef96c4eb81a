"""Template tags for the reviewers' admin."""

from __future__ import annotations

from django import template

from education.admin_views import count_due_for_review

register = template.Library()


@register.simple_tag
def items_due_for_review_count() -> int:
    """How many published items are overdue or never reviewed."""
    return count_due_for_review()
