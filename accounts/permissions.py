"""Who may call the patient API at all."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.permissions import BasePermission

from accounts.selectors import is_staff_member
from ros1site.errors import NotAllowed


def refuse_staff(user) -> None:
    """Staff never use the patient API: it has no second factor.

    Asked only of a signed-in caller (or once the password is right), so that
    the answer never tells a stranger which addresses are staff accounts.
    """
    if is_staff_member(user):
        raise NotAllowed(
            "staff_account",
            _(
                "This is a staff account. Sign in at /clinic/login/ (clinic staff) or "
                "/admin/ (reviewers and administrators), where your second factor is asked for."
            ),
        )


class IsPatient(BasePermission):
    """Allows access only to signed-in accounts that are not staff."""

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        refuse_staff(request.user)
        return True
