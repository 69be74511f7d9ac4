// Text helpers shared by site adapters. Page text is data: read it with textContent, never HTML.

/** Collapse every run of whitespace (including U+2029 and NBSP) to one space and trim. */
export function cleanText(s: string | null | undefined): string {
  if (!s) return '';
  // Most text is already clean; testing is much cheaper than rebuilding a long abstract.
  return MESSY.test(s) ? s.replace(SPACES, ' ').trim() : s;
}
const SPACES = /[\s\u00a0\u2028\u2029]+/g;
const MESSY = /^\s|\s$|[\s\u00a0\u2028\u2029]{2}|[^\S ]/;

/** Visible-ish text of an element without the descendants matching `skip` (labels, toggles). */
export function textWithout(el: Element | null | undefined, skip: string): string {
  if (!el) return '';
  if (!el.querySelector(skip)) return cleanText(el.textContent);
  const copy = el.cloneNode(true) as Element;
  for (const junk of copy.querySelectorAll(skip)) junk.remove();
  return cleanText(copy.textContent);
}

/** Strip a leading label such as "Title:" or "Abstract". */
export function stripLabel(s: string, label: RegExp): string {
  return s.replace(label, '').trim();
}

/** Resolve a possibly relative href against the page URL; undefined when unusable. */
export function absoluteUrl(href: string | null | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A four-digit year in a plausible range, or undefined. */
export function yearFrom(s: string | null | undefined): number | undefined {
  const m = /\b(1[89]\d\d|20\d\d)\b/.exec(s ?? '');
  return m ? Number(m[1]) : undefined;
}
