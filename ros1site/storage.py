"""Static files storage: whitenoise's compressed, hashed files, with ES module imports rewritten.

Our scripts are ES modules that import each other by relative path
(`import { Workbox } from "../vendor/workbox-window.mjs"`). Django rewrites those
paths to the hashed names only when asked, and only then can the service worker's
precache (hashed URLs) serve a module's imports offline.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
