// Translation hooks for the journal's scripts. `gettext` calls are what
// `manage.py makemessages -d djangojs` collects; when Django's JavaScript
// catalogue is loaded (globalThis.django) it translates, otherwise the
// English source text is shown.
const catalogue = globalThis.django;

export function gettext(text) {
  return catalogue && catalogue.gettext ? catalogue.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  if (catalogue && catalogue.ngettext) return catalogue.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

// Fills "%(name)s" / "%(name)d" placeholders, as Django's interpolate(fmt, obj, true).
export function interpolate(format, values) {
  return format.replace(/%\((\w+)\)[sd]/g, (_, key) => String(values[key]));
}
