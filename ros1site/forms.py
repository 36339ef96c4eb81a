"""Form helpers shared by the apps."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# A typed address without a scheme means https:// (Django 6's default).
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def https_formfield(db_field: models.Field, **kwargs):
    """ModelForm field for `db_field`; a typed address without a scheme means https://."""
    for field_class, overrides in URL_FIELD_OVERRIDES.items():
        if isinstance(db_field, field_class):
            kwargs = {**overrides, **kwargs}
    return db_field.formfield(**kwargs)


class WebLinkField(forms.URLField):
    """A link patients may follow: http or https only, with a plain reason otherwise."""

    default_error_messages = {
        "scheme": _(
            "Only web links starting with https:// (or http://) can be saved here. "
            "“%(scheme)s:” links are refused because they could run code or hide content."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)

    def to_python(self, value):
        text = (value or "").strip()
        try:
            scheme = urlsplit(text).scheme.lower() if ":" in text else ""
        except ValueError:  # e.g. "http://[::1": not an address at all
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        # "example.org:8080/x" parses with a scheme of "example.org": only a
        # scheme without dots is a real one.
        if scheme and "." not in scheme and scheme not in {"http", "https"}:
            raise ValidationError(
                self.error_messages["scheme"], code="scheme", params={"scheme": scheme}
            )
        return super().to_python(text)
