// ESLint for our own JavaScript: `npx eslint .` (scripts/test.sh runs it).
// The recommended rules, with the globals each kind of file really has.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Built by npm (static/vendor), installed, collected, or not ours.
    ignores: ["static/vendor/", "node_modules/", "staticfiles/", ".venv/", "bench/out/"],
  },
  js.configs.recommended,
  {
    // A leading underscore marks an argument kept on purpose.
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }] },
  },
  {
    // The pages' ES modules.
    files: ["static/js/**/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // Classic scripts: the service worker's source (ros1site/serviceworker.py
    // prepends its configuration, Workbox and the modules it shares) and the
    // admin's reading grade.
    files: ["static/js/sw-src.js", "static/js/admin-reading-grade.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["static/js/sw-src.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    // Node: the unit tests, the vendor build, this file.
    files: ["tests/js/**/*.mjs", "scripts/**/*.mjs", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
];
