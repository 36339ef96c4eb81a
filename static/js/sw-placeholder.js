// Replaced by the generated service worker (issue 4).
