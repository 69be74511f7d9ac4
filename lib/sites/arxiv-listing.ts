// arXiv listing pages: /list/<cat>/(new|recent|pastweek|<yymm>|<yyyy-mm>|<yy>|<yyyy>) (site-guide §1).

// Entries are `dt`/`dd` pairs inside one or more `dl` (one per section on /new, one per day on
// /recent). The `dt` holds the id and the download links, the `dd` holds `div.meta` with the
// title, authors, journal-ref and (on /new only) the abstract. Pairs are matched by adjacency,
// not by zipping two global lists, so a missing `dt` or `dd` cannot shift every later entry.

import type { DetectedPaper, DetectedRow } from '../paper';
import { arxivIdYear, normalizeArxivId } from '../ids';
import { absoluteUrl, hasClass, readText, TEXT_NODE } from '../text';
import { isDescriptor, readAuthorLinks, saysEtAl } from './arxiv-common';
import type { DetectOptions, SiteAdapter } from './types';

const LIST_URL =
  /^https:\/\/(?:www\.|export\.)?arxiv\.org\/list\/[A-Za-z][\w.-]*\/(?:new|recent|pastweek|\d{2}|\d{4}|\d{4}-\d{2})\/?(?:[?#].*)?$/;

// Speed notes (a ?show=2000 page has 2,000 rows): each row costs a few scoped querySelector calls
// and textContent reads, like a bare DOM walk. Whitespace is only trimmed here: collapsing it
// (a regex over every abstract) is left to the registry's normalizeEntry, which does it anyway.
// On a re-detection (`known`), rows read before are skipped before their dd or dt is read; only
// the enumeration and the few section headings are walked again.

/** Resolve a link: the template's root-relative hrefs are joined by hand, anything else via URL. */
function resolve(href: string, url: URL): string | undefined {
  const h = href.trim();
  if (h.charCodeAt(0) === 47 /* / */ && h.charCodeAt(1) !== 47 && !/[\s\\]/.test(h)) return url.origin + h;
  return absoluteUrl(h, url.href);
}

interface DtInfo {
  arxiv?: string;
  pdfUrl?: string;
  marker?: string;
}

function readDt(dt: Element, url: URL): DtInfo {
  const info: DtInfo = {};
  const abs = dt.querySelector('a[title="Abstract"]') ?? dt.querySelector('a[href*="/abs/"]');
  if (abs) {
    info.arxiv =
      normalizeArxivId(abs.textContent) ??
      normalizeArxivId(abs.getAttribute('id')) ??
      normalizeArxivId(abs.getAttribute('href'));
    // "(cross-list from hep-lat)" / "(replaced)" is bare text right after the id link.
    const after = abs.nextSibling;
    if (after && after.nodeType === TEXT_NODE) {
      const text = (after as Text).data;
      if (text.includes('cross-list')) info.marker = 'cross-list';
      else if (text.includes('(replaced)')) info.marker = 'replacement';
    }
  }
  // The [pdf] link follows the id link; look along the siblings before searching the dt.
  let href: string | null | undefined;
  for (let el = abs?.nextElementSibling; el; el = el.nextElementSibling) {
    const h = el.getAttribute('href');
    if (h && h.includes('/pdf/')) {
      href = h;
      break;
    }
  }
  href ??= dt.querySelector('a[href*="/pdf/"]')?.getAttribute('href');
  if (href) info.pdfUrl = resolve(href, url);
  return info;
}

function sectionType(heading: string): string | undefined {
  const h = heading.toLowerCase();
  if (h.includes('cross')) return 'cross-list';
  if (h.includes('replac')) return 'replacement';
  if (h.includes('new submission')) return 'new';
  return undefined;
}

/** Text of a `div.list-*` field without its "Title:"/"Journal-ref:" descriptor; trimmed, not collapsed. */
function fieldText(el: Element): string {
  const first = el.firstElementChild;
  if (!first) return (el.textContent ?? '').trim();
  if (el.childElementCount === 1) {
    // Template case: [blank text] span.descriptor text — read the one text node after the label.
    const rest = first.nextSibling;
    const before = first.previousSibling;
    if (
      rest &&
      rest === el.lastChild &&
      rest.nodeType === TEXT_NODE &&
      (!before || (before.nodeType === TEXT_NODE && !(before as Text).data.trim())) &&
      isDescriptor(first)
    ) {
      return (rest as Text).data.trim();
    }
  }
  return readText(el, isDescriptor).trim();
}

function readAuthors(el: Element, paper: DetectedPaper): void {
  const links = el.getElementsByTagName('a');
  let names: string[] = [];
  let plain = true;
  for (let i = 0; i < links.length; i++) {
    const a = links[i]!;
    if (a.childElementCount !== 0) {
      plain = false;
      break;
    }
    const name = (a.textContent ?? '').trim();
    if (name && !name.startsWith('this http')) names.push(name);
  }
  // split_authors leaves "et al" as bare text after the last name; only that tail is checked.
  const tail = el.lastChild;
  let etAl = !!tail && tail.nodeType === TEXT_NODE && saysEtAl((tail as Text).data);
  if (!plain) {
    // Rare: markup inside names. Read node by node to tell names from bare text.
    const read = readAuthorLinks(el);
    names = read.names;
    etAl = read.etAl;
  }
  paper.authors = names;
  // Listing pages silently cut long author lists after the first 101 names (split_long_author_list).
  if (etAl || names.length > 100) paper.authorsTruncated = true;
}

/** Reads the dd into `paper`; returns the `div.list-title` showing the title, if one was read. */
function readDd(dd: Element, paper: DetectedPaper): Element | undefined {
  const title = dd.querySelector('.list-title');
  if (!title) return undefined;
  paper.title = fieldText(title);
  if (!paper.title) return undefined;
  // The other fields are siblings of the title in div.meta: walk them instead of querying again.
  let authors: Element | null = null;
  let journal: Element | null = null;
  let abstract: Element | null = null;
  for (let el = title.nextElementSibling; el; el = el.nextElementSibling) {
    if (el.localName === 'p') {
      abstract ??= el;
      continue;
    }
    const cls = el.className;
    if (typeof cls !== 'string') continue;
    if (!authors && (cls === 'list-authors' || hasClass(cls, 'list-authors'))) authors = el;
    else if (!journal && (cls === 'list-journal-ref' || hasClass(cls, 'list-journal-ref'))) journal = el;
  }
  authors ??= dd.querySelector('.list-authors');
  if (authors) readAuthors(authors, paper);
  if (journal) {
    const venue = fieldText(journal);
    if (venue) paper.venue = venue;
  }
  // The abstract (only on /new) is the `p` of div.meta; a `p` nested elsewhere is not one.
  if (abstract) {
    const text = (abstract.childElementCount === 0 ? (abstract.textContent ?? '') : readText(abstract)).trim();
    if (text) paper.abstract = text;
  }
  return title;
}

/** The entry list a dt/dd/h3 belongs to: its parent `dl`, or the `dl` around its `div` group. */
function listOf(el: Element): Element | null {
  const parent = el.parentElement;
  if (!parent) return null;
  if (parent.localName === 'dl') return parent;
  if (parent.localName === 'div') {
    const grand = parent.parentElement;
    if (grand && grand.localName === 'dl') return grand;
  }
  return null;
}

/** A `dl` nested inside an entry (junk in a dd) is not an entry list. */
function isTopLevel(dl: Element, root: Element): boolean {
  for (let p = dl.parentElement; p && p !== root; p = p.parentElement) {
    const tag = p.localName;
    if (tag === 'dd' || tag === 'dt' || tag === 'dl') return false;
  }
  return true;
}

function detectListing(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const root = doc.getElementById('dlpage') ?? doc.body ?? doc.documentElement;
  if (!root) return rows;

  const topLevel = new Map<Element, boolean>();
  let currentDl: Element | null = null;
  let section: string | undefined;
  let pendingDt: Element | null = null;

  // One pass over dt, dd and the section headings, in document order.
  const nodes = root.querySelectorAll('dt, dd, h3');
  for (let i = 0; i < nodes.length; i++) {
    const el = nodes[i]!;
    const dl = listOf(el);
    if (!dl) continue;
    let ok = topLevel.get(dl);
    if (ok === undefined) {
      ok = isTopLevel(dl, root);
      topLevel.set(dl, ok);
    }
    if (!ok) continue;
    if (dl !== currentDl) {
      currentDl = dl;
      section = undefined;
      pendingDt = null; // never pair across lists
    }
    const tag = el.localName;
    if (tag === 'dt') {
      pendingDt = el; // a dt followed by another dt has no entry body: dropped
    } else if (tag === 'dd') {
      const dt = pendingDt;
      pendingDt = null;
      // Read on an earlier pass: skip it before reading its dd or dt (sections are still tracked).
      if (known?.(el)) continue;
      try {
        const paper: DetectedPaper = { title: '', authors: [], ids: {} };
        const titleEl = readDd(el, paper);
        if (!titleEl || !paper.title) continue;
        const info = dt ? readDt(dt, url) : undefined;
        if (info?.arxiv) {
          paper.ids.arxiv = info.arxiv;
          const year = arxivIdYear(info.arxiv);
          if (year) paper.year = year;
        } else if (paper.authors.length === 0) {
          continue;
        }
        if (info?.pdfUrl) paper.pdfUrl = info.pdfUrl;
        paper.listingType = info?.marker ?? section ?? 'new';
        rows.push({ paper, element: el, title: titleEl });
      } catch {
        // one broken row must not cost the others
      }
    } else {
      section = sectionType(el.textContent ?? '') ?? section;
    }
  }
  return rows;
}

export const arxivListing: SiteAdapter = {
  site: 'arxiv',
  host: /^(?:www\.|export\.)?arxiv\.org$/,
  urls: [LIST_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      return detectListing(doc, url, options?.known);
    } catch {
      return [];
    }
  },
};
