// dblp (site-guide §10): search results, person pages, tables of contents and record pages on
// dblp.org and its mirrors.
//
// Every page lists entries the same way:
//   ul.publ-list > li.year "2024" (separator on search/person pages)
//                | li.entry.<type>[#<record key>] > div.box, div.nr, nav.publ (li.ee links), cite.data
//   cite.data > span[itemprop=author] > (a >) span[itemprop=name] ... ":" <br>
//               span.title[itemprop=name] "Title."   ← dblp appends the period
//               a > span[itemprop=isPartOf] > span[itemprop=name] "ICML" [span[itemprop=datePublished]]
// The editor record (class `editor`, the proceedings volume with its editors) heads a TOC page and
// fills a venue's index: it is not a paper and is skipped.
//
// Pages can hold thousands of entries: the lists are walked child by child (no per-row
// document-wide query) and each row reads only its own `cite` and `nav`.
// Page text is data: read with textContent / getAttribute only; nothing is written.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { arxivIdYear, normalizeArxivId } from '../ids';
import { cleanText, hasClass, readText, yearFrom } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?(?:dblp\.org|dblp\.uni-trier\.de|dblp\.dagstuhl\.de|dblp2\.uni-trier\.de)`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`(?:[?#].*)?$`;
const SEARCH_URL = new RegExp(`^${HOST}/search(?:/publ)?/?(?:\\?.*)?(?:#.*)?$`);
const PERSON_URL = new RegExp(`^${HOST}/pid/[\\w-]+(?:/[\\w.-]+)*\\.html${TAIL}`);
// /db/conf/<series>/<volume>.html, /db/journals/<j>/<j><vol>.html, /db/series/..., /db/books/...; not index pages.
const TOC_URL = new RegExp(`^${HOST}/db/(?:conf|journals|series|books|reference)/(?:[\\w.-]+/)+(?!index\\b)[\\w.-]+\\.html${TAIL}`);
const RECORD_URL = new RegExp(`^${HOST}/rec/((?:[\\w.-]+/)+[\\w.-]+)\\.html${TAIL}`);

/** Entry types that are not papers. */
const NOT_PAPERS = new Set(['editor']);
const ENTRY_TYPES = [
  'inproceedings',
  'article',
  'informal',
  'editor',
  'book',
  'incollection',
  'phdthesis',
  'mastersthesis',
  'reference',
  'data',
  'withdrawn',
];
/** Types reported as itemType (the common article-like ones are left unmarked). */
const ITEM_TYPES = new Set(['book', 'incollection', 'phdthesis', 'mastersthesis', 'reference', 'data']);

function entryType(cls: string | null): string | undefined {
  for (const t of ENTRY_TYPES) if (hasClass(cls, t)) return t;
  return undefined;
}

/** Visit the element descendants of `root` (document order), not entering those `visit` returns false for. */
function eachElement(root: Element, visit: (el: Element) => boolean): void {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (!visit(el)) continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
}

/** Homonym number dblp appends to a name ("Wei Wang 0001"): not part of the name. */
const HOMONYM = /\s+0\d{3}$/;

function authorName(span: Element): string {
  // The name element (a > span[itemprop=name] or span.this-person); never the ORCID icon's title.
  let nameEl: Element | null = span.getAttribute('itemprop') === 'name' ? span : null;
  if (!nameEl) {
    eachElement(span, (el) => {
      if (nameEl) return false;
      if (el.getAttribute('itemprop') === 'name' || hasClass(el.getAttribute('class'), 'this-person')) {
        nameEl = el;
        return false;
      }
      return true;
    });
  }
  const found = nameEl as Element | null;
  let name = cleanText(found ? readText(found) : readText(span));
  if (!name) name = cleanText(found?.getAttribute('title'));
  return name.replace(HOMONYM, '');
}

/**
 * Strip the period dblp appends to every title ("U.S.." → "U.S."). A title ending in "?" or "!"
 * gets none, and neither (we assume) does one ending in an ellipsis "...".
 */
function stripDblpPeriod(title: string): string {
  const t = title.trim();
  if (!t.endsWith('.') || (t.endsWith('...') && !t.endsWith('....'))) return t;
  return t.slice(0, -1).trimEnd();
}

/** ids from one electronic-edition link. */
function idsFromLink(href: string, base: string, ids: PaperIds): void {
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const path = u.pathname;
  if (host === 'doi.org' || host === 'dx.doi.org') {
    if (!ids.doi) {
      let doi = path.slice(1);
      try {
        doi = decodeURIComponent(doi);
      } catch {
        /* keep */
      }
      if (/^10\.\d{4,9}\//.test(doi)) {
        ids.doi = doi;
        const arxiv = /^10\.48550\/arxiv\.(.+)$/i.exec(doi);
        if (arxiv?.[1]) ids.arxiv ??= normalizeArxivId(arxiv[1]);
      }
    }
  } else if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    if (/^\/(?:abs|pdf)\//.test(path)) ids.arxiv ??= normalizeArxivId(path.replace(/^\/(?:abs|pdf)\//, ''));
  } else if (host === 'openreview.net') {
    const id = u.searchParams.get('id');
    if (id && /^(?:\/forum|\/pdf)\/?$/.test(path) && /^[\w-]+$/.test(id)) ids.openreview ??= id;
  } else if (host === 'proceedings.neurips.cc' || host === 'papers.nips.cc' || host === 'papers.neurips.cc') {
    const m = /\/hash\/([0-9a-f]{32})-Abstract/i.exec(path);
    if (m?.[1]) ids.neurips ??= m[1].toLowerCase();
  } else if (host === 'openaccess.thecvf.com') {
    const m = /\/html\/(?:[^/]*\/)*([^/]+_paper)\.html$/.exec(path);
    if (m?.[1]) ids.cvf ??= m[1];
  } else if (host === 'proceedings.mlr.press') {
    const m = /^\/v\d+\/([\w-]+?)(?:\.html|\/[\w-]+\.pdf)$/.exec(path);
    if (m?.[1]) ids.pmlr ??= m[1];
  } else if (host === 'aclanthology.org' || host === 'aclweb.org') {
    const m = /^\/(?:anthology\/)?([A-Z]\d{2}-\d{4}|\d{4}\.[\w-]+\.\d+)(?:\.pdf)?\/?$/.exec(path);
    if (m?.[1]) ids.acl ??= m[1];
  } else if (host === 'pubmed.ncbi.nlm.nih.gov') {
    const m = /^\/(\d{1,9})\/?$/.exec(path);
    if (m?.[1]) ids.pmid ??= m[1];
  }
}

/** arXiv id from a CoRR record key: `journals/corr/abs-2407-11798`, old style `journals/corr/cs-AI-0101001`. */
function arxivFromKey(key: string): string | undefined {
  const m = /^journals\/corr\/abs-(\d{4})-(\d{4,5})$/.exec(key);
  if (m) return `${m[1]}.${m[2]}`;
  const old = /^journals\/corr\/([a-z-]+?)-([A-Z]{2})-(\d{7})$/.exec(key);
  if (old) return `${old[1]}.${old[2]}/${old[3]}`;
  const old2 = /^journals\/corr\/([a-z-]+)-(\d{7})$/.exec(key);
  if (old2) return `${old2[1]}/${old2[2]}`;
  return undefined;
}

/** Record key from an export or details link (`/rec/<key>.html?view=bibtex`). */
function keyFromHref(href: string | null): string | undefined {
  const m = /\/rec\/((?:[\w.-]+\/)+[\w.-]+?)\.(?:html|bib|xml|ris)(?:[?#]|$)/.exec(href ?? '');
  return m?.[1];
}

/** The entry's `cite.data` (older markup: `div.data` / `article.data`), a direct child. */
function dataOf(li: Element): Element | null {
  for (let c = li.firstElementChild; c; c = c.nextElementSibling) {
    if (hasClass(c.getAttribute('class'), 'data') || c.getAttribute('itemprop') === 'headline') return c;
  }
  return li.querySelector('cite, .data');
}

interface Context {
  year?: number;
  pageYear?: number;
}

/** One entry's row; its title element is the `span.title` the title was read from. */
function readEntry(li: Element, ctx: Context, base: string): DetectedRow | undefined {
  const type = entryType(li.getAttribute('class'));
  if (type && NOT_PAPERS.has(type)) return undefined;
  const data = dataOf(li);
  if (!data) return undefined;

  let titleEl: Element | null = null;
  const authorEls: Element[] = [];
  let venue: string | undefined;
  let volume: string | undefined;
  let date: string | undefined;
  let truncated = false;

  eachElement(data, (el) => {
    const prop = el.getAttribute('itemprop');
    if (prop === 'author' || prop === 'creator') {
      authorEls.push(el);
      return false;
    }
    if (!titleEl && hasClass(el.getAttribute('class'), 'title')) {
      titleEl = el;
      return false;
    }
    if (prop === 'isPartOf') {
      // Series/periodical name, or the volume (CoRR's "abs/2407.11798").
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
        const cp = c.getAttribute('itemprop');
        if (cp === 'name' && !venue) venue = cleanText(readText(c)) || undefined;
        else if (cp === 'volumeNumber' && !volume) volume = cleanText(c.textContent);
      }
      return false;
    }
    if (prop === 'datePublished') {
      date ??= cleanText(el.getAttribute('content') ?? el.textContent);
      return false;
    }
    return true;
  });

  // "et al." / "[…]" between the authors and the title: only part of the list is shown.
  if (authorEls.length > 0) {
    for (let n = authorEls[authorEls.length - 1]!.nextSibling; n && n !== titleEl; n = n.nextSibling) {
      if (n.nodeType === 3 && /et al|…|\.\.\./.test((n as Text).data)) truncated = true;
      if (n.nodeType === 1 && (n as Element).localName !== 'br' && /^\s*(?:et al\.?|\[?…\]?|\[\.\.\.\])\s*$/.test(n.textContent ?? ''))
        truncated = true;
    }
  }

  const titleNode = titleEl as Element | null;
  if (!titleNode) return undefined;
  const title = stripDblpPeriod(cleanText(readText(titleNode)));
  if (!title) return undefined;

  const authors: string[] = [];
  for (const a of authorEls) {
    const name = authorName(a);
    if (name) authors.push(name);
  }

  const ids: PaperIds = {};
  const key = li.getAttribute('id') || keyFromHref(li.querySelector('a[href*="view=bibtex"]')?.getAttribute('href') ?? null);
  if (key && /^[^\s/]+(?:\/[^\s/]+)+$/.test(key)) ids.dblp = key;

  // Electronic editions: nav.publ li.ee > a (DOI, arXiv, OpenReview, proceedings pages).
  for (let nav = li.firstElementChild; nav; nav = nav.nextElementSibling) {
    if (nav.localName !== 'nav') continue;
    eachElement(nav, (el) => {
      if (el.localName === 'a') {
        const href = el.getAttribute('href');
        if (href && el.parentElement && hasClass(el.parentElement.getAttribute('class'), 'ee')) idsFromLink(href, base, ids);
        return false;
      }
      return true;
    });
  }
  if (!ids.arxiv && volume) {
    const v = /^abs\/(.+)$/.exec(volume);
    if (v?.[1]) ids.arxiv = normalizeArxivId(v[1]);
  }
  if (!ids.arxiv && key) {
    const a = arxivFromKey(key);
    if (a) ids.arxiv = a;
  }

  const paper: DetectedPaper = { title, authors, ids };
  if (truncated) paper.authorsTruncated = true;
  if (venue) paper.venue = venue;
  const year = yearFrom(date) ?? ctx.year ?? ctx.pageYear ?? arxivIdYear(ids.arxiv);
  if (year) paper.year = year;
  if (type && ITEM_TYPES.has(type)) paper.itemType = type;
  return { paper, element: li, title: titleNode };
}

/** Where the publication lists of this page are. */
function scopeOf(doc: Document): Element | null {
  return (
    doc.getElementById('completesearch-publs') ??
    doc.getElementById('publ-section') ??
    doc.getElementById('main') ??
    doc.body ??
    doc.documentElement
  );
}

/** A TOC page's year: the editor record's date, else the headline. */
function tocYear(doc: Document, lists: Element[]): number | undefined {
  for (const ul of lists) {
    for (let li = ul.firstElementChild; li; li = li.nextElementSibling) {
      if (hasClass(li.getAttribute('class'), 'editor')) {
        const d = li.querySelector('[itemprop="datePublished"]');
        const y = yearFrom(d?.getAttribute('content') ?? d?.textContent);
        if (y) return y;
      }
    }
  }
  const h1 = doc.querySelector('#headline h1') ?? doc.querySelector('header h1');
  return yearFrom(h1?.textContent);
}

function detectLists(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const scope = scopeOf(doc);
  if (!scope) return rows;
  const lists: Element[] = [];
  const uls = scope.getElementsByTagName('ul');
  for (let i = 0; i < uls.length; i++) {
    const ul = uls[i]!;
    if (hasClass(ul.getAttribute('class'), 'publ-list') && !ul.parentElement?.closest('li.entry')) lists.push(ul);
  }
  if (lists.length === 0) {
    // Unknown wrapper: the entries' own parents.
    const seen = new Set<Element>();
    for (const li of scope.querySelectorAll('li.entry')) {
      const p = li.parentElement;
      if (p && !seen.has(p) && !p.closest('li.entry')) {
        seen.add(p);
        lists.push(p);
      }
    }
  }
  const record = RECORD_URL.exec(url.href)?.[1];
  // A record page is about one entry, picked among all the entries read (the record's own, else the
  // first): skipping known ones could pick another. Its few entries are read every time.
  const known = record ? undefined : options?.known;
  const ctx: Context = {};
  if (TOC_URL.test(url.href)) ctx.pageYear = tocYear(doc, lists);

  for (const ul of lists) {
    ctx.year = undefined; // li.year rows only date the entries after them in the same list
    for (let li = ul.firstElementChild; li; li = li.nextElementSibling) {
      if (li.localName !== 'li') continue;
      const cls = li.getAttribute('class');
      if (hasClass(cls, 'year')) {
        ctx.year = yearFrom(li.textContent) ?? ctx.year;
        continue;
      }
      if (!hasClass(cls, 'entry')) continue;
      // Read on an earlier pass: skipped before any of its text is read. Year separators above are
      // still read (one short text each), so the entries after them keep their year.
      if (known?.(li)) continue;
      try {
        const row = readEntry(li, ctx, url.href);
        if (row) rows.push(row);
      } catch {
        // one broken row must not cost the others
      }
    }
  }
  if (record) {
    // A record page is about one entry; other lists on it (citations, references) are not.
    const own = rows.filter((r) => r.paper.ids.dblp === record);
    return own.length > 0 ? own : rows.slice(0, 1);
  }
  return rows;
}

export const dblp: SiteAdapter = {
  site: 'dblp',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [SEARCH_URL, PERSON_URL, TOC_URL, RECORD_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      return detectLists(doc, url, options);
    } catch {
      return [];
    }
  },
};
