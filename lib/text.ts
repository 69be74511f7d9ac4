// Text helpers shared by site adapters. Page text is data: read it with textContent, never HTML.

/** Collapse every run of whitespace (including U+2029 and NBSP) to one space and trim. */
export function cleanText(s: string | null | undefined): string {
  if (!s) return '';
  // Most text is already clean; testing is much cheaper than rebuilding a long abstract.
  return UNCLEAN_SPACE.test(s) ? s.replace(SPACES, ' ').trim() : s;
}
const SPACES = /[\s\u00a0\u2028\u2029]+/g;
/** What cleanText changes: whitespace at either end, two in a row, or any but U+0020. */
const UNCLEAN_SPACE = /^\s|\s$|\s\s|[^\S ]/;

/** True when `s` is non-empty, at most `max` long, and cleanText would return it unchanged. */
export function isCleanText(s: string, max: number): boolean {
  return s.length > 0 && s.length <= max && !UNCLEAN_SPACE.test(s);
}

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

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/** Class-token test on a raw `class` attribute, without building a DOMTokenList. */
export function hasClass(cls: string | null, name: string): boolean {
  if (!cls) return false;
  let i = cls.indexOf(name);
  while (i >= 0) {
    const before = i === 0 ? 32 : cls.charCodeAt(i - 1);
    const after = i + name.length >= cls.length ? 32 : cls.charCodeAt(i + name.length);
    if (before <= 32 && after <= 32) return true;
    i = cls.indexOf(name, i + 1);
  }
  return false;
}

/**
 * True for rendered MathJax output (v2 `MathJax*`/`MJX*` classes, v3 `mjx-*` elements); the TeX
 * source is read instead (v2 keeps it in a sibling `script[type^=math/tex]`).
 */
function isMathJaxOutput(el: Element): boolean {
  if (el.localName.startsWith('mjx-')) return true;
  const cls = el.getAttribute('class');
  return cls !== null && (cls.startsWith('MathJax') || cls.startsWith('MJX'));
}

/** Elements whose content is never page text. */
export function isInert(tag: string): boolean {
  return tag === 'style' || tag === 'noscript' || tag === 'template';
}

type Frame = [NodeListOf<ChildNode>, number];

/**
 * Visit the descendants of `root` in document order. `visit` returns true for an element whose
 * children should be visited too. Iterative (an explicit stack over `childNodes`), so deeply
 * nested junk cannot overflow the call stack.
 */
export function walk(root: Node, visit: (node: ChildNode) => boolean | void): void {
  const stack: Frame[] = [];
  let list = root.childNodes;
  let i = 0;
  for (;;) {
    if (i >= list.length) {
      const top = stack.pop();
      if (!top) return;
      [list, i] = top;
      continue;
    }
    const node = list[i++]!;
    if (visit(node) === true && node.nodeType === ELEMENT_NODE) {
      stack.push([list, i]);
      list = node.childNodes;
      i = 0;
    }
  }
}

/**
 * Visible text of `root` read straight from its text nodes, without cloning and without HTML.
 * Skips scripts, styles, rendered MathJax output and every element for which `skip` returns true;
 * a MathJax v2 source script is read back as `$…$`. `<br>` counts as a space, and so does the
 * edge of each element named in `blocks` (for rendered Markdown: paragraphs, list items…).
 */
export function readText(root: Element, skip?: (el: Element) => boolean, blocks?: ReadonlySet<string>): string {
  // Fast path: plain text only.
  if (root.childElementCount === 0) return root.textContent ?? '';
  let out = '';
  walk(root, (node) => {
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      const prev = blocks && node.previousSibling;
      if (prev && prev.nodeType === ELEMENT_NODE && blocks.has((prev as Element).localName)) out += ' ';
      out += (node as CharacterData).data;
      return false;
    }
    if (type !== ELEMENT_NODE) return false;
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'script') {
      const kind = (el.getAttribute('type') ?? '').toLowerCase();
      if (kind.startsWith('math/tex')) {
        const fence = kind.includes('mode=display') ? '$$' : '$';
        out += ` ${fence}${el.textContent ?? ''}${fence} `;
      }
      return false;
    }
    if (tag === 'br') {
      out += ' ';
      return false;
    }
    if (isInert(tag) || isMathJaxOutput(el) || skip?.(el)) return false;
    if (blocks?.has(tag)) out += ' ';
    if (el.childElementCount > 0) return true;
    out += el.textContent ?? '';
    return false;
  });
  return out;
}


/** "Last, First" (as in citation_author meta tags) → "First Last"; any other form is only cleaned. */
export function firstLast(name: string): string {
  const t = cleanText(name);
  const i = t.indexOf(',');
  if (i < 0 || t.indexOf(',', i + 1) >= 0) return t;
  const last = t.slice(0, i).trim();
  const first = t.slice(i + 1).trim();
  if (!first || !last || /^(?:jr|sr|ii|iii|iv)\.?$/i.test(first)) return t;
  return `${first} ${last}`;
}

/** The cleaned `content` of the first `<meta name=…>`, or undefined. */
export function metaContent(doc: Document, name: string): string | undefined {
  const v = cleanText(doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content'));
  return v || undefined;
}
