"""Form helpers shared by the apps."""

from __future__ import annotations

from django.db import models

# A typed address without a scheme means https:// (Django 6's default).
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(db_field: models.Field, **kwargs):
    """ModelForm field for `db_field`; a typed address without a scheme means https://."""
    for field_class, overrides in URL_FIELD_OVERRIDES.items():
        if isinstance(db_field, field_class):
            kwargs = {**overrides, **kwargs}
    return db_field.formfield(**kwargs)
