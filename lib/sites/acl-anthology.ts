// ACL Anthology (site-guide §6): volume, event and person listings, and single paper pages.
//
// Listings render one `list-entry` per paper: a row (`p.d-sm-flex.align-items-stretch` in older
// builds, `div.d-sm-flex.align-items-stretch.mb-3` in the Bootstrap 5 builds) holding the badge
// column (`.list-button-row`: pdf / bib / abs …) and `span.d-block > strong > a` (title, linking
// to `/<anthology id>/`) followed by the author links, separated by " | ". The abstract, when
// there is one, is the collapsed `div.abstract-collapse` right after the row. Event pages wrap
// each volume in a `div` with an `h4` header; person pages add a muted link to the volume.
// The first entry of every volume is its front matter (`<vol>.0`, editors as authors): it is
// kept and marked `frontMatter`.
//
// Paper pages carry `citation_*` meta tags (read first) and the visible h2#title, p.lead,
// div.acl-abstract and a details `dl`. The cite modal repeats the metadata and is never read.
//
// Page text is data: everything is read with textContent / getAttribute, nothing is written.
import type { DetectedPaper, DetectedRow } from '../paper';
import { absoluteUrl, yearFrom, cleanText, hasClass, metaContent, readText } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?aclanthology\.org`;
const HOST = `https?://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
/** New style `2020.nlpcovid19-acl.1`, old style `P18-1001` (Zotero translator's regex). */
const ID = String.raw`(?:\d{4}\.[A-Za-z0-9_]+-[A-Za-z0-9_]+\.\d+|[A-Z]\d{2}-\d{4})`;
const VOLUME_ID = String.raw`(?:\d{4}\.[A-Za-z0-9_]+-[A-Za-z0-9_]+|[A-Z]\d{2}-\d{1,2})`;

const PAPER_URL = new RegExp(`^${HOST}/(${ID})${TAIL}`);
const VOLUME_URL = new RegExp(`^${HOST}/volumes/${VOLUME_ID}${TAIL}`);
const EVENT_URL = new RegExp(`^${HOST}/events/[A-Za-z0-9_.-]+${TAIL}`);
const PERSON_URL = new RegExp(`^${HOST}/people/(?:[a-z0-9]/)?[A-Za-z0-9_.-]+${TAIL}`);
const LISTING_URLS = [VOLUME_URL, EVENT_URL, PERSON_URL];

/** A paper path: `/<id>/`, `/<id>`, `/<id>.pdf` or `/<id>.bib`. */
const PAPER_PATH = new RegExp(`^/(${ID})(?:/|\\.pdf|\\.bib)?$`);
const WHOLE_ID = new RegExp(`^${ID}$`);

// ---------------------------------------------------------------------------------------------
// Identifiers.

/** The Anthology id a link points to (relative or on aclanthology.org), else undefined. */
function idFromHref(href: string | null, base: string): string | undefined {
  if (!href) return undefined;
  let path: string;
  try {
    const u = new URL(href.trim(), base);
    if (!/^(?:www\.)?aclanthology\.org$/i.test(u.hostname)) return undefined;
    path = u.pathname;
  } catch {
    return undefined;
  }
  return PAPER_PATH.exec(path)?.[1];
}

/**
 * Front matter: new-style paper number 0 (`2020.acl-main.0`); old style paper number 0, where the
 * paper number is the last two digits for W*, C69 and D19-5xxx and up, else the last three.
 */
export function isFrontMatterId(id: string): boolean {
  const dot = id.lastIndexOf('.');
  if (/^\d{4}\./.test(id)) return id.slice(dot + 1) === '0';
  const m = /^([A-Z]\d{2})-(\d)(\d)(\d)(\d)$/.exec(id);
  if (!m) return false;
  const [, coll = '', d1 = '0', d2 = '0', d3 = '0', d4 = '0'] = m;
  const twoDigitVolume = coll.startsWith('W') || coll === 'C69' || (coll === 'D19' && Number(d1) >= 5);
  return twoDigitVolume ? d3 === '0' && d4 === '0' : d2 === '0' && d3 === '0' && d4 === '0';
}

/** Year the id carries: `2020.…` → 2020, `P18-…` → 2018, `J79-…` → 1979. */
export function idYear(id: string | undefined): number | undefined {
  if (!id) return undefined;
  const m = /^(\d{4})\./.exec(id);
  if (m) return Number(m[1]);
  const old = /^[A-Z](\d{2})-/.exec(id);
  if (!old) return undefined;
  const yy = Number(old[1]);
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers.

function metaAll(doc: Document, name: string): string[] {
  const out: string[] = [];
  for (const m of doc.querySelectorAll(`meta[name="${name}"]`)) {
    const v = cleanText(m.getAttribute('content'));
    if (v) out.push(v);
  }
  return out;
}

/** `dt` label (lowercased, colon dropped) → its `dd`, for the direct children of a `dl`. */
function readDl(dl: Element | null | undefined): Map<string, Element> {
  const out = new Map<string, Element>();
  if (!dl) return out;
  let label: string | undefined;
  for (let el = dl.firstElementChild; el; el = el.nextElementSibling) {
    if (el.localName === 'dt') label = cleanText(el.textContent).replace(/:$/, '').toLowerCase();
    else if (el.localName === 'dd' && label !== undefined) {
      if (!out.has(label)) out.set(label, el);
      label = undefined;
    }
  }
  return out;
}

function ddText(dl: Map<string, Element>, ...labels: string[]): string | undefined {
  for (const label of labels) {
    const dd = dl.get(label);
    const t = dd ? cleanText(readText(dd)) : '';
    if (t) return t;
  }
  return undefined;
}

/** A link to a volume page (not to its .bib/.xml/.pdf exports). */
function isVolumeLink(href: string): boolean {
  return href.includes('/volumes/') && !/\.(?:bib|xml|pdf|zip)\/?(?:[?#]|$)/i.test(href.trim());
}

function resolve(href: string | null | undefined, base: string): string | undefined {
  return absoluteUrl(href?.trim(), base);
}

// ---------------------------------------------------------------------------------------------
// Listings (volume / event / person pages).

const ROW_SELECTOR = 'p.d-sm-flex, div.d-sm-flex';

function isRow(el: Element): boolean {
  const tag = el.localName;
  if (tag !== 'p' && tag !== 'div') return false;
  const cls = el.getAttribute('class');
  return hasClass(cls, 'd-sm-flex') && hasClass(cls, 'align-items-stretch');
}

/** Inside an abstract, a modal, a `pre` or another row: not a row of the page. */
function isNested(row: Element, root: Element): boolean {
  for (let p = row.parentElement; p && p !== root; p = p.parentElement) {
    const cls = p.getAttribute('class');
    if (p.localName === 'pre' || isRow(p) || hasClass(cls, 'abstract-collapse') || hasClass(cls, 'modal')) return true;
  }
  return false;
}

/** The title link of a row: the first `strong a[href]` naming a paper, else the first `strong`. */
function titleOf(row: Element, base: string): { el: Element; id?: string } | undefined {
  let fallback: Element | undefined;
  for (const strong of row.getElementsByTagName('strong')) {
    for (const a of strong.getElementsByTagName('a')) {
      const id = idFromHref(a.getAttribute('href'), base);
      if (id) return { el: a, id };
    }
    fallback ??= strong;
  }
  return fallback ? { el: fallback } : undefined;
}

/** True when `el` sits in a `strong` (a title) or in the badge column, below `box`. */
function isTitleOrBadge(el: Element, box: Element, buttons: Element | null): boolean {
  for (let p = el.parentElement; p && p !== box; p = p.parentElement) {
    if (p.localName === 'strong' || p === buttons) return true;
  }
  return false;
}

/** Author names: the links after the title (those to /people/ when there are any). */
function authorsOf(box: Element, title: Element, buttons: Element | null): string[] {
  const people: string[] = [];
  const other: string[] = [];
  for (const a of box.getElementsByTagName('a')) {
    if (a === title || isTitleOrBadge(a, box, buttons)) continue;
    const href = (a.getAttribute('href') ?? '').trim();
    if (isVolumeLink(href) || hasClass(a.getAttribute('class'), 'text-muted')) continue;
    const name = cleanText(readText(a));
    if (!name) continue;
    if (href.includes('/people/')) people.push(name);
    else if (!href.startsWith('#') && !/\.(?:pdf|bib|xml|zip|mp4)$/i.test(href)) other.push(name);
  }
  return people.length > 0 ? people : other;
}

/** The PDF badge: the link to `<id>.pdf`, else the badge labelled "pdf". */
function pdfOf(buttons: Element, id: string | undefined, base: string): string | undefined {
  let labelled: string | null = null;
  for (const a of buttons.getElementsByTagName('a')) {
    const href = a.getAttribute('href');
    if (!href) continue;
    if (id && href.trim().endsWith(`/${id}.pdf`)) return resolve(href, base);
    if (labelled === null && cleanText(a.textContent).toLowerCase() === 'pdf') labelled = href;
  }
  return resolve(labelled, base);
}

function isAbstractBox(el: Element | null): el is Element {
  return !!el && hasClass(el.getAttribute('class'), 'abstract-collapse');
}

/**
 * The collapsed abstract after the row (it is in the DOM even while hidden); else the element the
 * row's "abs" badge toggles (`href=#abstract-<id with . → -->`).
 */
function abstractOf(row: Element, buttons: Element | null, id: string | undefined, doc: Document, root: Element): string | undefined {
  const expected = id ? `abstract-${id.replace(/\./g, '--')}` : undefined;
  let box: Element | null = row.nextElementSibling;
  if (!isAbstractBox(box)) {
    box = null;
    for (const a of buttons?.getElementsByTagName('a') ?? []) {
      const href = (a.getAttribute('href') ?? '').trim();
      if (!href.startsWith('#abstract-')) continue;
      let target = href.slice(1);
      try {
        target = decodeURIComponent(target);
      } catch {
        /* keep it */
      }
      box = doc.getElementById(target);
      break;
    }
    if (!isAbstractBox(box) || !root.contains(box) || isNested(box, root)) return undefined;
  }
  if (box.id && expected && box.id !== expected) return undefined; // another paper's abstract
  const body = box.querySelector('.card-body') ?? box;
  return cleanText(readText(body)) || undefined;
}

/** Event pages: the volume title in the `h4` that heads the block holding the rows. */
function blockVenue(block: Element | null, cache: Map<Element, string | undefined>): string | undefined {
  if (!block) return undefined;
  if (cache.has(block)) return cache.get(block);
  let venue: string | undefined;
  for (let el = block.firstElementChild; el; el = el.nextElementSibling) {
    if (el.localName !== 'h4') continue;
    for (const a of el.getElementsByTagName('a')) {
      if (isVolumeLink(a.getAttribute('href') ?? '')) {
        venue = cleanText(readText(a)) || undefined;
        break;
      }
    }
    break;
  }
  cache.set(block, venue);
  return venue;
}

/** Person pages: the muted link to the paper's volume under the authors. */
function rowVenue(box: Element): string | undefined {
  for (const a of box.getElementsByTagName('a')) {
    if (isVolumeLink(a.getAttribute('href') ?? '')) return cleanText(readText(a)) || undefined;
  }
  return undefined;
}

/** The badge column: a child of the row in the template, else the first one inside it. */
function buttonsOf(row: Element): Element | null {
  for (let el = row.firstElementChild; el; el = el.nextElementSibling) {
    if (hasClass(el.getAttribute('class'), 'list-button-row')) return el;
  }
  return row.querySelector('.list-button-row');
}

/** The entry of one listing row, with its title link (or title `strong`). */
function readRow(
  row: Element,
  ctx: { doc: Document; root: Element; base: string; venue?: string; year?: number; blocks: Map<Element, string | undefined> },
): { paper: DetectedPaper; title: Element } | undefined {
  const title = titleOf(row, ctx.base);
  if (!title) return undefined;
  const paper: DetectedPaper = { title: readText(title.el), authors: [], ids: {} };
  if (!cleanText(paper.title)) return undefined;

  let id = title.id;
  const buttons = buttonsOf(row);
  if (!id && buttons) {
    for (const a of buttons.getElementsByTagName('a')) {
      id = idFromHref(a.getAttribute('href'), ctx.base);
      if (id) break;
    }
  }
  if (id) {
    paper.ids.acl = id;
    if (isFrontMatterId(id)) paper.frontMatter = true;
  }

  // Authors sit next to the title, in the column of the row (`span.d-block`) that holds it.
  let box: Element = title.el;
  while (box.parentElement && box.parentElement !== row) box = box.parentElement;
  if (box.parentElement !== row || box === title.el || box.localName === 'strong') box = row;
  paper.authors = authorsOf(box, title.el, buttons);

  const pdf = pdfOf(buttons ?? row, id, ctx.base);
  if (pdf) paper.pdfUrl = pdf;
  const abstract = abstractOf(row, buttons, id, ctx.doc, ctx.root);
  if (abstract) paper.abstract = abstract;

  const venue = rowVenue(box) ?? blockVenue(row.parentElement, ctx.blocks) ?? ctx.venue;
  if (venue) paper.venue = venue;
  const year = ctx.year ?? idYear(id);
  if (year) paper.year = year;
  return { paper, title: title.el };
}

function detectListing(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const root = doc.getElementById('main') ?? doc.body ?? doc.documentElement;
  if (!root) return [];
  const base = url.href;

  // Volume pages: the details `dl` of the header names the venue and the year.
  let headerDl = root.querySelector('.acl-paper-details dl') ?? root.querySelector('dl');
  if (headerDl && isNested(headerDl, root)) headerDl = null; // a list inside an abstract
  const header = readDl(headerDl);
  const ctx = {
    doc,
    root,
    base,
    venue: ddText(header, 'venue', 'venues'),
    year: yearFrom(ddText(header, 'year')),
    blocks: new Map<Element, string | undefined>(),
  };

  let candidates: Element[] = [];
  for (const el of root.querySelectorAll(ROW_SELECTOR)) if (isRow(el)) candidates.push(el);
  if (candidates.length === 0) {
    // Layout drift: every bold link to a paper page is a title; its block is the row.
    const seen = new Set<Element>();
    for (const a of root.querySelectorAll('strong a[href]')) {
      if (!idFromHref(a.getAttribute('href'), base)) continue;
      const row = a.closest('strong')?.parentElement?.parentElement;
      if (row && !seen.has(row)) {
        seen.add(row);
        candidates.push(row);
      }
    }
  }

  const rows: DetectedRow[] = [];
  for (const row of candidates) {
    try {
      // Read on an earlier pass: skipped before any of its text (or its abstract) is read.
      if (known?.(row)) continue;
      if (isNested(row, root)) continue;
      const read = readRow(row, ctx);
      if (read) rows.push({ paper: read.paper, element: row, title: read.title });
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Single paper page.

function detectPaperPage(doc: Document, url: URL): DetectedRow[] {
  const base = url.href;
  const root = doc.getElementById('main') ?? doc.body ?? doc.documentElement;
  if (!root) return [];
  const h2 = doc.getElementById('title');
  const details = readDl(root.querySelector('.acl-paper-details dl') ?? root.querySelector('dl'));

  const shown = h2 ? cleanText(readText(h2)) : '';
  const title = metaContent(doc, 'citation_title') ?? shown;
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: metaAll(doc, 'citation_author'), ids: {} };
  if (paper.authors.length === 0) {
    const lead = root.querySelector('p.lead');
    if (lead) {
      for (const a of lead.getElementsByTagName('a')) {
        const name = cleanText(readText(a));
        if (name) paper.authors.push(name);
      }
    }
  }

  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep the raw path */
  }
  const fromDl = ddText(details, 'anthology id');
  const id = PAPER_PATH.exec(path.replace(/\/+$/, '/'))?.[1] ?? (fromDl && WHOLE_ID.test(fromDl) ? fromDl : undefined);
  if (id) {
    paper.ids.acl = id;
    if (isFrontMatterId(id)) paper.frontMatter = true;
  }
  const doi = metaContent(doc, 'citation_doi') ?? ddText(details, 'doi');
  if (doi) paper.ids.doi = doi;

  const abstractBox = root.querySelector('.acl-abstract');
  if (abstractBox) {
    const text = cleanText(readText(abstractBox, (el) => el.localName === 'h5' || hasClass(el.getAttribute('class'), 'card-title')));
    if (text) paper.abstract = text;
  }

  const pdf =
    resolve(metaContent(doc, 'citation_pdf_url'), base) ??
    resolve(root.querySelector('.acl-paper-link-block a.btn-primary[href$=".pdf"]')?.getAttribute('href'), base) ??
    resolve(details.get('pdf')?.querySelector('a[href]')?.getAttribute('href'), base) ??
    resolve(h2?.querySelector('a[href$=".pdf"]')?.getAttribute('href'), base);
  if (pdf) paper.pdfUrl = pdf;

  const venue =
    metaContent(doc, 'citation_conference_title') ?? metaContent(doc, 'citation_journal_title') ?? ddText(details, 'volume');
  if (venue) paper.venue = venue;
  const year =
    yearFrom(metaContent(doc, 'citation_publication_date')) ?? yearFrom(ddText(details, 'year')) ?? idYear(id);
  if (year) paper.year = year;

  const row: DetectedRow = { paper, element: root };
  // h2#title only when it shows text: a title from the meta tags alone is not on the page.
  if (h2 && shown) row.title = h2;
  return [row];
}

// ---------------------------------------------------------------------------------------------

export const aclAnthology: SiteAdapter = {
  site: 'acl-anthology',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [PAPER_URL, ...LISTING_URLS],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      // A paper page is one entry: `known` would save nothing there (the registry drops it).
      if (PAPER_URL.test(url.href)) return detectPaperPage(doc, url);
      if (LISTING_URLS.some((re) => re.test(url.href))) return detectListing(doc, url, options?.known);
    } catch {
      /* never throw into the page */
    }
    return [];
  },
};
