// NeurIPS proceedings (site-guide §8): year lists and paper abstract pages on
// proceedings.neurips.cc / papers.nips.cc.
//
// Year list: `ul.paper-list > li` (class "conference", "datasets_and_benchmarks[_track]" or "none"),
// each with the title link to `/paper_files/paper/<year>/hash/<32-hex>-Abstract[-Track].html` and the
// authors as one comma-separated `<i>`. A whole year (≈2,000 rows) is one page: each row costs a
// handful of child walks, no document-wide query.
//
// Paper page: `h4` title, "Part of <a>volume</a>", buttons (Bibtex / Paper / ...),
// `<h4>Authors</h4><p><i>…</i></p>`, `<h4>Abstract</h4>` followed by the abstract paragraph(s)
// (the source nests `<p><p>…</p></p>`, so the DOM has empty `p` siblings), `citation_*` meta tags.
//
// Page text is data: read with textContent / getAttribute only; nothing is written.
import { ENTRY_LIMITS, isEntryYear, type DetectedPaper, type DetectedRow } from '../paper';
import { absoluteUrl, cleanText, firstLast, isCleanText, metaContent, readText, yearFrom } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:proceedings\.neurips\.cc|papers\.nips\.cc|papers\.neurips\.cc)`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
const YEAR_LIST = new RegExp(`^${HOST}/(?:paper_files/)?paper/(\\d{4})${TAIL}`);
const SEARCH = new RegExp(`^${HOST}/papers/search/?\\?.*$`);
const PAPER_PAGE = new RegExp(
  `^${HOST}/(?:paper_files/)?paper/(\\d{4})/hash/([0-9a-fA-F]{32})-Abstract(?:-[A-Za-z0-9_]+)?\\.html(?:[?#].*)?$`,
);

/** The hash of a link to an abstract page (relative or absolute). */
const HASH_IN_HREF = /\/hash\/([0-9a-fA-F]{32})-Abstract(?:-[A-Za-z0-9_]+)?\.html(?:[?#]|$)/;
/** A year from a proceedings path: /paper_files/paper/<year>/... */
const YEAR_IN_HREF = /\/paper\/((?:19|20)\d\d)\//;

/** HASH_IN_HREF where the first "/hash/" starts (tested without a match object: this runs once per row). */
const HASH_AT = /\/hash\/[0-9a-fA-F]{32}-Abstract(?:-[A-Za-z0-9_]+)?\.html(?:[?#]|$)/y;

/** A link to an abstract page with nothing where the hash goes: the site lists such papers too. */
const EMPTY_HASH_IN_HREF = /\/hash\/-Abstract(?:-[A-Za-z0-9_]+)?\.html(?:[?#]|$)/;

/** The hash of a link to an abstract page: '' when the link has an empty hash, undefined when it is no such link. */
function hashOf(href: string | null): string | undefined {
  if (!href) return undefined;
  const at = href.indexOf('/hash/');
  if (at < 0) return undefined;
  HASH_AT.lastIndex = at;
  if (HASH_AT.test(href)) return href.slice(at + 6, at + 38).toLowerCase();
  const hash = HASH_IN_HREF.exec(href)?.[1]?.toLowerCase();
  if (hash) return hash;
  return EMPTY_HASH_IN_HREF.test(href) ? '' : undefined;
}

/** The ids a list row's hash gives: none for an empty hash (title and authors still name the paper). */
function idsOf(hash: string): DetectedPaper['ids'] {
  return hash ? { neurips: hash } : {};
}

/** Split the comma-separated author line. */
function splitAuthors(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(',')) {
    const name = cleanText(part);
    if (name) out.push(name);
  }
  return out;
}

/**
 * The usual author line "A, B, C": names of words split by single spaces, separated by ", ". Split
 * on ", ", its names need no trimming: no name is copied (a 2,000-row page makes ten thousand).
 */
const NAME_LIST = /^[^\s,]+(?: [^\s,]+)*(?:, [^\s,]+(?: [^\s,]+)*)*$/;

// ---------------------------------------------------------------------------------------------
// Year list.

/** First descendant element (document order, depth-first) accepted by `test`; iterative. */
function findDescendant(root: Element, test: (el: Element) => boolean, prune?: (el: Element) => boolean): Element | null {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (test(el)) return el;
    if (prune?.(el)) continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return null;
}

function isTitleLink(el: Element): boolean {
  return el.localName === 'a' && hashOf(el.getAttribute('href')) !== undefined;
}

/** Authors of a list row: its `<i>` (or an element classed *author*), else the bare text after the link. */
function rowAuthors(li: Element, link: Element): string[] {
  const box = findDescendant(
    li,
    (el) => el !== link && (el.localName === 'i' || /author/i.test(el.getAttribute('class') ?? '')),
    (el) => el === link,
  );
  if (box) return splitAuthors(readText(box));
  let text = '';
  for (let n = link.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === 3) text += (n as Text).data;
    else if (n.nodeType === 1) text += readText(n as Element);
  }
  return splitAuthors(text);
}

interface ListContext {
  venue?: string;
  year?: number;
  /** The venue and year are what the registry would keep as they are. */
  inNormalForm: boolean;
}

/**
 * The proceedings' own row shape, `<li><a href=".../hash/<h>-Abstract.html">Title</a> <i>A, B</i></li>`,
 * read with a few direct reads (a 2,000-row year page is read this way); undefined for any other shape.
 */
function readPlainRow(li: Element, ctx: ListContext): DetectedRow | undefined {
  const link = li.firstElementChild;
  if (link === null || link.localName !== 'a' || link.firstElementChild !== null) return undefined;
  const authors = link.nextElementSibling;
  if (authors === null || authors.localName !== 'i' || authors.firstElementChild !== null || authors.nextElementSibling !== null) return undefined;
  const href = link.getAttribute('href');
  const hash = hashOf(href);
  const title = (link.textContent ?? '').trim();
  if (hash === undefined || !title) return undefined;
  const line = authors.textContent ?? '';
  const listed = NAME_LIST.test(line);
  const paper: DetectedPaper = { title, authors: listed ? line.split(', ') : splitAuthors(line), ids: idsOf(hash) };
  if (ctx.venue) paper.venue = ctx.venue;
  // A year page gives its year; search results carry it in each link.
  const year = ctx.year ?? Number(YEAR_IN_HREF.exec(href ?? '')?.[1] ?? NaN);
  if (year) paper.year = year;
  // Clean title and names, a lowercase hash, the page's checked venue and year: the registry need
  // not check 2,000 entries again (the year list's test holds this against normalizeEntry).
  const normalized = listed && ctx.inNormalForm && line.length <= ENTRY_LIMITS.name && isCleanText(title, ENTRY_LIMITS.title);
  return { paper, element: li, title: link, normalized };
}

/** The row of one list item; its title element is the title link. */
function readRow(li: Element, ctx: ListContext): DetectedRow | undefined {
  const plain = readPlainRow(li, ctx);
  if (plain) return plain;
  const link = findDescendant(li, isTitleLink);
  if (!link) return undefined;
  const hash = hashOf(link.getAttribute('href'));
  if (hash === undefined) return undefined;
  const title = readText(link).trim();
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: rowAuthors(li, link), ids: idsOf(hash) };
  if (ctx.venue) paper.venue = ctx.venue;
  const y = YEAR_IN_HREF.exec(link.getAttribute('href') ?? '');
  const year = y?.[1] ? Number(y[1]) : ctx.year;
  if (year) paper.year = year;
  return { paper, element: li, title: link };
}

/** The volume name, e.g. "Advances in Neural Information Processing Systems 32 (NeurIPS 2019)". */
function listVenue(doc: Document, first: Element | null): string | undefined {
  // The h4 right above the list (the container's heading), else the first h4 that names the volume.
  const scope = first?.closest('div') ?? doc.body;
  for (const h of [scope?.querySelector('h4'), doc.querySelector('h4')]) {
    const t = cleanText(h?.textContent);
    if (t && /Neural Information Processing|NeurIPS|NIPS/i.test(t)) return t;
  }
  return undefined;
}

function detectList(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const lists: Element[] = [];
  for (const ul of doc.querySelectorAll('ul.paper-list')) {
    // A paper-list nested in a row would be junk inside an entry.
    if (!ul.parentElement?.closest('ul.paper-list')) lists.push(ul);
  }
  // Unknown wrapper: every list item that links to an abstract page (Zotero's `li a[href*="/paper/"]`).
  const linked: Element[] = [];
  if (lists.length === 0) {
    const seen = new Set<Element>();
    for (const a of doc.querySelectorAll('li a[href*="/hash/"]')) {
      const li = a.closest('li');
      if (li && !seen.has(li)) {
        seen.add(li);
        linked.push(li);
      }
    }
  }
  const first = lists.length > 0 ? lists[0]!.firstElementChild : (linked[0] ?? null);
  // One volume per year page; search results span volumes, so they carry no page-wide venue.
  const urlYear = YEAR_LIST.exec(url.href)?.[1];
  const venue = urlYear ? listVenue(doc, first) : undefined;
  const year = urlYear ? Number(urlYear) : yearFrom(/\((?:NeurIPS|NIPS) (\d{4})\)/.exec(venue ?? '')?.[1]);
  const inNormalForm = (venue === undefined || isCleanText(venue, ENTRY_LIMITS.venue)) && (year === undefined || isEntryYear(year));
  const ctx: ListContext = { venue, year, inNormalForm };
  const readItem = (li: Element): void => {
    // Read on an earlier pass: skipped before any of its text is read.
    if (known?.(li)) return;
    try {
      const row = readRow(li, ctx);
      if (row) rows.push(row);
    } catch {
      // one broken row must not cost the others
    }
  };
  // The list's own items, walked in place (a year is ≈2,000 of them).
  for (const ul of lists) {
    const items = ul.querySelectorAll(':scope > li');
    for (let i = 0; i < items.length; i++) readItem(items[i]!);
  }
  for (const li of linked) readItem(li);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Paper page.

const SECTION_HEADING = /^(?:h[1-6])$/;

function headingText(el: Element): string {
  return cleanText(el.textContent).replace(/:$/, '').toLowerCase();
}

/** The `i` (or the element itself) after an "Authors" heading. */
function authorsAfter(heading: Element): string[] {
  for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
    if (SECTION_HEADING.test(el.localName)) break;
    const i = el.localName === 'i' ? el : el.querySelector('i');
    const names = splitAuthors(readText(i ?? el));
    if (names.length > 0) return names;
  }
  return [];
}

/** The paragraphs after an "Abstract" heading, up to the next heading. Empty `p`s are skipped. */
function abstractAfter(heading: Element): string | undefined {
  const parts: string[] = [];
  for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
    if (SECTION_HEADING.test(el.localName)) break;
    if (el.localName !== 'p' && el.localName !== 'div' && el.localName !== 'span') continue;
    if (el.querySelector('a.btn, button, form')) break; // buttons or a form: not the abstract any more
    const t = readText(el).trim();
    if (t) parts.push(t);
  }
  const text = cleanText(parts.join(' '));
  return text || undefined;
}

function detectPaper(doc: Document, url: URL): DetectedRow[] {
  const m = PAPER_PAGE.exec(url.href);
  const hash = m?.[2]?.toLowerCase();
  if (!hash) return [];

  let titleEl: Element | null = null;
  let authorsHeading: Element | null = null;
  let abstractHeading: Element | null = null;
  const root = doc.body ?? doc.documentElement;
  if (!root) return [];
  for (const h of root.querySelectorAll('h1, h2, h3, h4')) {
    if (h.closest('nav, header, footer')) continue;
    const t = headingText(h);
    if (t === 'authors') authorsHeading ??= h;
    else if (t === 'abstract') abstractHeading ??= h;
    else if (t && !titleEl && !authorsHeading && !abstractHeading) titleEl = h;
  }

  const shown = titleEl ? readText(titleEl).trim() : '';
  const title = shown || metaContent(doc, 'citation_title') || '';
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: [], ids: { neurips: hash } };

  if (authorsHeading) paper.authors = authorsAfter(authorsHeading);
  if (paper.authors.length === 0) {
    for (const el of doc.querySelectorAll('meta[name="citation_author"]')) {
      const name = firstLast(el.getAttribute('content') ?? '');
      if (name) paper.authors.push(name);
    }
  }

  const abstract = abstractHeading ? abstractAfter(abstractHeading) : undefined;
  if (abstract) paper.abstract = abstract;

  // PDF: citation_pdf_url, else the "Paper" button (/file/<hash>-Paper[-Track].pdf).
  let pdf = absoluteUrl(metaContent(doc, 'citation_pdf_url'), url.href);
  if (!pdf) {
    for (const a of root.querySelectorAll('a[href$=".pdf"]')) {
      const href = a.getAttribute('href') ?? '';
      if (href.toLowerCase().includes(`/${hash}-paper`)) {
        pdf = absoluteUrl(href, url.href);
        break;
      }
    }
  }
  if (pdf) paper.pdfUrl = pdf;

  // Venue: the "Part of <a>volume</a>" link; else the citation journal title.
  let venue: string | undefined;
  for (const p of root.querySelectorAll('p')) {
    const first = p.firstChild;
    if (first && first.nodeType === 3 && /^\s*Part of\s*$/i.test((first as Text).data)) {
      venue = cleanText(p.querySelector('a')?.textContent) || undefined;
      if (venue) break;
    }
  }
  venue ??= metaContent(doc, 'citation_journal_title') ?? metaContent(doc, 'citation_conference_title');
  if (venue) paper.venue = venue;

  const year = (m?.[1] ? Number(m[1]) : undefined) ?? yearFrom(metaContent(doc, 'citation_publication_date'));
  if (year) paper.year = year;

  const element = titleEl ?? doc.querySelector('.container-fluid') ?? root;
  const row: DetectedRow = { paper, element };
  // The heading only when the title was read from it; a citation_title alone is not on the page.
  if (titleEl && shown) row.title = titleEl;
  return [row];
}

export const neurips: SiteAdapter = {
  site: 'neurips',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [YEAR_LIST, SEARCH, PAPER_PAGE],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      // A paper page is one entry: `known` would save nothing there (the registry drops it).
      if (PAPER_PAGE.test(url.href)) return detectPaper(doc, url);
      return detectList(doc, url, options?.known);
    } catch {
      return [];
    }
  },
};
