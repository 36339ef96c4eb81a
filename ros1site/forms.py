"""Form helpers shared by the apps."""

from __future__ import annotations

from django.db import models


def https_formfield(db_field: models.Field, **kwargs):
    """ModelForm field for `db_field`; a typed address without a scheme means https://."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)
