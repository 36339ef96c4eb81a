"""Test settings: the real settings, minus what only makes tests slow."""

from ros1site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Templates resolve {% static %} without a collectstatic run; the browser
# tests serve the real hashed manifest themselves.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collected files here (the browser tests collect their own), and none are needed.
STATIC_ROOT = None
