// Generic detector of last resort: DOI and arXiv links in reference-list entries. It runs only
// when a page has no citation meta, no JSON-LD paper and no COinS, and it keeps a link only when
// it sits in something shaped like one reference (a list item, definition, table row, short
// paragraph or inline-only block) that shows a title and names one paper. Links in page chrome,
// asides, dialogs and BibTeX blocks, bare badges and prose mentions ("see this paper") are ignored.
//
// Page text is data: read with textContent / readText; nothing is parsed as HTML.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { arxivIdYear, normalizeArxivId, normalizeDoi } from '../ids';
import { absoluteUrl, cleanText, readText } from '../text';
import { isChrome, plausibleYear } from './generic-meta';
import type { DetectOptions } from './types';

const ID_LINKS = 'a[href*="doi.org/10."], a[href*="arxiv.org/abs/"], a[href*="arxiv.org/pdf/"]';

type IdLink = { kind: 'doi' | 'arxiv'; value: string };

/** The paper id a link points at: a doi.org DOI or an arXiv abs/pdf page. */
export function idFromHref(href: string | null, base: string): IdLink | undefined {
  if (!href) return undefined;
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase();
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'www.doi.org') {
    const doi = normalizeDoi(u.pathname.slice(1));
    return doi ? { kind: 'doi', value: doi } : undefined;
  }
  if (host === 'arxiv.org' || host === 'www.arxiv.org' || host === 'export.arxiv.org') {
    const m = /^\/(?:abs|pdf)\/(.+)$/.exec(u.pathname);
    const id = m?.[1] ? normalizeArxivId(m[1]) : undefined;
    return id ? { kind: 'arxiv', value: id } : undefined;
  }
  return undefined;
}

/** Elements that are one entry by themselves. */
const ROW_TAGS = new Set(['li', 'dd', 'tr', 'article']);
/** Generic blocks that are an entry when short. */
const BLOCK_TAGS = new Set(['p', 'div', 'td', 'blockquote']);
/** Containers of many entries, or of the page: the climb stops there. */
const STOP_TAGS = new Set(['body', 'main', 'html', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead', 'section', 'form']);

const MAX_ROW_TEXT = 3_000;
const MAX_BLOCK_TEXT = 600;
const MIN_ENTRY_TEXT = 20;

/**
 * Elements around a link that can be its reference entry, best first: the enclosing list item /
 * definition / table row / article, then the innermost short block (p, div, td) with some text.
 * Empty when the link sits in prose or directly in a page container.
 */
function entriesOf(a: Element, lengths: Map<Element, number>): Element[] {
  // Text lengths are cached: many links can share one big container, read once, not once per link.
  const length = (el: Element): number => {
    let n = lengths.get(el);
    if (n === undefined) lengths.set(el, (n = cleanText(el.textContent).length));
    return n;
  };
  let block: Element | undefined;
  let el = a.parentElement;
  for (let depth = 0; el && depth < 8; depth++, el = el.parentElement) {
    const tag = el.localName;
    if (STOP_TAGS.has(tag)) break;
    if (ROW_TAGS.has(tag)) {
      const rows = length(el) <= MAX_ROW_TEXT ? [el] : [];
      return block ? [...rows, block] : rows;
    }
    if (BLOCK_TAGS.has(tag) && !block) {
      const len = length(el);
      if (len > MAX_BLOCK_TEXT) return []; // prose, or a container of many entries
      // A short "links" box (`<div class="links">DOI | PDF</div>`): its entry is further up.
      if (len >= MIN_ENTRY_TEXT) block = el;
    }
  }
  return block ? [block] : [];
}

/**
 * True when the link sits in a row read on an earlier pass: a known element on the way up that
 * `entriesOf` takes (up to the first list item / row, a page container, or 8 levels). Only tags
 * are looked at, no text, so links of old rows cost nothing on a re-detection.
 */
function inKnownEntry(a: Element, known: (row: Element) => boolean): boolean {
  let el = a.parentElement;
  for (let depth = 0; el && depth < 8; depth++, el = el.parentElement) {
    const tag = el.localName;
    if (STOP_TAGS.has(tag)) return false;
    if (known(el)) return true;
    if (ROW_TAGS.has(tag)) return false;
  }
  return false;
}

const LINK_WORDS =
  /^\W*(?:pdf|doi|html|link|links?|abstract|arxiv|paper|preprint|bibtex|bib|code|slides|video|poster|project(?: page)?|publisher(?: site)?|full ?text|read(?: the)?(?: paper| more| article)?|download(?: pdf| paper)?|view(?: article| paper| pdf)?|here|click here|this paper|this article|the paper|website|supplementa(?:l|ry)(?: material)?|dataset|data|source)\W*$/i;

/** Text that can be a paper title: a few words, not a URL / id / link label / lowercase prose. */
export function looksLikeTitle(t: string): boolean {
  if (t.length < 10 || t.length > 400) return false;
  if (!/\s/.test(t) || !/\p{L}{2}/u.test(t)) return false;
  if (/^(?:https?:|www\.|doi:|arxiv:|10\.\d{4,9}\/)/i.test(t)) return false;
  if (/^(?:arxiv|doi|pmid)\s*:?\s*\S+$/i.test(t)) return false;
  if (LINK_WORDS.test(t)) return false;
  // Prose ("a recent study", "this work"): a title does not start with a plain lowercase word.
  if (/^[a-z]+\s/.test(t)) return false;
  return true;
}

const TITLE_CLASS = /(?:^|[\s_-])(?:title|papertitle|pub-?title|paper-?title)(?:$|[\s_-])/i;
const QUOTED = /[“"‘]([^“”"]{10,400}?)[”"’]/;
const APA_TITLE = /\((?:1[89]\d\d|20\d\d)[a-z]?\)\.?\s+(.{10,400}?[.?!])(?=\s|$)/;

/** A title and the element it was read from. */
interface Shown {
  title: string;
  el: Element;
}

/**
 * The title an entry shows: the id link's text, a heading, a title element, bold text, a quoted or
 * APA title; with the element showing it (the entry itself for a title found in its running text).
 */
function titleOf(entry: Element, link: Element, text: string): Shown | undefined {
  const own = cleanText(readText(link));
  if (looksLikeTitle(own)) return { title: own.replace(/\.$/, ''), el: link };
  // h1 is the page's own title (a blog post citing a paper), not an entry's.
  for (const h of entry.querySelectorAll('h2, h3, h4, h5, h6')) {
    const t = cleanText(readText(h));
    if (looksLikeTitle(t)) return { title: t, el: h };
  }
  const classed = [...entry.querySelectorAll('[class]')].find((e) => TITLE_CLASS.test(e.getAttribute('class') ?? ''));
  const fromClass = classed ? cleanText(readText(classed)) : '';
  if (classed && looksLikeTitle(fromClass)) return { title: fromClass.replace(/\.$/, ''), el: classed };
  for (const b of entry.querySelectorAll('b, strong')) {
    const t = cleanText(readText(b));
    if (looksLikeTitle(t)) return { title: t.replace(/[.,]$/, ''), el: b };
  }
  const quoted = QUOTED.exec(text)?.[1]?.trim().replace(/[.,]$/, '');
  if (quoted && looksLikeTitle(quoted)) return { title: quoted, el: entry };
  const apa = APA_TITLE.exec(text)?.[1]?.trim();
  if (apa && looksLikeTitle(apa)) return { title: apa.replace(/\.$/, ''), el: entry };
  return undefined;
}

const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|(?:van|von|der|den|de|del|da|di|du|la|le|bin|al)\b))*$/u;
const INITIALS = /^(?:\p{Lu}\.?\s*-?\s*)+$/u;
const ET_AL = /^et\.?\s*al\.?$/i;

/** Author names from a comma list ("A Smith, B Jones and C Lee", "Smith, A., & Jones, B."). */
function namesFrom(s: string): { names: string[]; truncated: boolean } | undefined {
  const pieces = cleanText(s)
    .replace(/^(?:\[\d+\]|\(\d+\)|\d+\.)\s*/, '') // "[3] J. Doe, …"
    .replace(/[,;:\s]+$/, '')
    .replace(/(\p{Ll}{2})\.$/u, '$1') // "and Kim Lee."; the initials of "Hadsell, R." keep their dot
    .split(/\s*[,;]\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length === 0) return undefined;
  let truncated = false;
  if (ET_AL.test(pieces[pieces.length - 1]!) || / et\.? al\.?$/i.test(pieces[pieces.length - 1]!)) {
    truncated = true;
    pieces[pieces.length - 1] = pieces[pieces.length - 1]!.replace(/\s*et\.? al\.?$/i, '');
    if (!pieces[pieces.length - 1]) pieces.pop();
  }
  let names = pieces;
  // "Smith, A., Jones, B." → surname / initials pairs.
  if (pieces.length % 2 === 0 && pieces.every((p, i) => (i % 2 === 1) === INITIALS.test(p))) {
    names = [];
    for (let i = 0; i < pieces.length; i += 2) names.push(`${pieces[i + 1]} ${pieces[i]}`);
  }
  if (names.length === 0 || names.length > 100) return undefined;
  if (!names.every((n) => n.length <= 60 && n.split(/\s+/).length <= 5 && NAME.test(n))) return undefined;
  return { names, truncated };
}

const AUTHOR_CLASS = /(?:^|[\s_-])authors?(?:$|[\s_-])/i;

/** Authors when the entry shows them plainly: an `.authors` element, or the text before "(2017)" / the title. */
function authorsOf(entry: Element, text: string, title: string): { names: string[]; truncated: boolean } {
  const classed = [...entry.querySelectorAll('[class]')].find((e) => AUTHOR_CLASS.test(e.getAttribute('class') ?? ''));
  const candidates: string[] = [];
  if (classed) candidates.push(readText(classed));
  const yearAt = text.search(/\((?:1[89]\d\d|20\d\d)[a-z]?\)/);
  if (yearAt > 0) candidates.push(text.slice(0, yearAt));
  const titleAt = text.indexOf(title);
  if (titleAt > 0) candidates.push(text.slice(0, titleAt).replace(/[“"‘]\s*$/, ''));
  for (const c of candidates) {
    const found = namesFrom(c);
    if (found) return found;
  }
  return { names: [], truncated: false };
}

/** Text of an entry without its links' own text (URLs, "arXiv:1810.04805"), for the year. */
function textWithoutLinks(entry: Element): string {
  return cleanText(readText(entry, (el) => el.localName === 'a'));
}

function yearOf(entry: Element, ids: PaperIds): number | undefined {
  const plain = textWithoutLinks(entry);
  const paren = /\((1[89]\d\d|20\d\d)[a-z]?\)/.exec(plain)?.[1];
  const anyYear = paren ?? /(?:^|[\s,.(])(1[89]\d\d|20\d\d)(?=[\s,.);:]|$)/.exec(plain)?.[1];
  return plausibleYear(anyYear ? Number(anyYear) : undefined) ?? (ids.arxiv ? arxivIdYear(ids.arxiv) : undefined);
}

function pdfOf(entry: Element, base: string): string | undefined {
  for (const a of entry.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/\.pdf(?:$|[?#])/i.test(href) || /arxiv\.org\/pdf\//i.test(href) || /^\W*pdf\W*$/i.test(cleanText(a.textContent))) {
      const abs = absoluteUrl(href.trim(), base);
      if (abs) return abs;
    }
  }
  return undefined;
}

/** Ids named by the entry's id links; undefined when it names more than one paper. */
function entryIds(entry: Element, base: string): PaperIds | undefined {
  const ids: PaperIds = {};
  for (const a of entry.querySelectorAll(ID_LINKS)) {
    const id = idFromHref(a.getAttribute('href'), base);
    if (!id) continue;
    const have = ids[id.kind];
    if (have && have !== id.value) return undefined; // two papers in one "entry"
    ids[id.kind] = id.value;
  }
  return ids;
}

/**
 * One row per reference entry with a DOI / arXiv link and a visible title, in page order. Links in
 * `known` entries (read on an earlier pass) are skipped before any text is read; their ids still
 * count as taken, as on the pass that read them.
 */
export function detectLinks(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const base = url.href;
  const rows: DetectedRow[] = [];
  const usedEntries = new Set<Element>();
  const usedIds = new Set<string>();
  const lengths = new Map<Element, number>();
  for (const a of doc.querySelectorAll(ID_LINKS)) {
    try {
      const id = idFromHref(a.getAttribute('href'), base);
      if (!id) continue;
      const key = `${id.kind}:${id.value}`;
      if (usedIds.has(key)) continue;
      if (known && inKnownEntry(a, known)) {
        usedIds.add(key);
        continue;
      }
      if (isChrome(a)) continue;
      let entry: Element | undefined;
      let ids: PaperIds | undefined;
      for (const candidate of entriesOf(a, lengths)) {
        ids = entryIds(candidate, base);
        if (ids) {
          entry = candidate;
          break;
        }
      }
      if (!entry || !ids || usedEntries.has(entry)) continue;
      usedEntries.add(entry);
      const text = cleanText(readText(entry));
      const shown = titleOf(entry, a, text);
      if (!shown) continue;
      const { title } = shown;
      const paper: DetectedPaper = { title, authors: [], ids };
      const authors = authorsOf(entry, text, title);
      paper.authors = authors.names;
      if (authors.truncated && authors.names.length > 0) paper.authorsTruncated = true;
      const year = yearOf(entry, ids);
      if (year) paper.year = year;
      const pdf = pdfOf(entry, base);
      if (pdf) paper.pdfUrl = pdf;
      for (const kind of ['doi', 'arxiv'] as const) if (ids[kind]) usedIds.add(`${kind}:${ids[kind]}`);
      rows.push({ paper, element: entry, title: shown.el });
    } catch {
      // a broken entry must not lose the others
    }
  }
  return rows;
}
