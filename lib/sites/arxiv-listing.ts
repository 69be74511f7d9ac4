// arXiv listing pages: /list/<cat>/(new|recent|pastweek|<yymm>|<yyyy-mm>|<yy>|<yyyy>) (site-guide §1).
//
// Entries are `dt`/`dd` pairs inside one or more `dl` (one per section on /new, one per day on
// /recent). The `dt` holds the id and the download links, the `dd` holds `div.meta` with the
// title, authors, journal-ref and (on /new only) the abstract. Pairs are matched by adjacency,
// not by zipping two global lists, so a missing `dt` or `dd` cannot shift every later entry.
//
// The helpers exported at the top are shared with the arXiv search and abs adapters.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId } from '../ids';
import { absoluteUrl, cleanText } from '../text';
import type { SiteAdapter } from './types';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** True for rendered MathJax output (v2), whose source TeX sits in a sibling `script[type^=math/tex]`. */
function isMathJaxOutput(el: Element): boolean {
  const cls = el.getAttribute('class');
  return cls !== null && (cls.startsWith('MathJax') || cls.startsWith('MJX'));
}

/**
 * Visible text of `root` read straight from its text nodes, without cloning and without HTML.
 * Skips scripts, styles, rendered MathJax output and every element for which `skip` returns true;
 * a MathJax v2 source script is read back as `$…$`. `<br>` counts as a space. Iterative, so
 * deeply nested junk cannot overflow the stack.
 */
export function readText(root: Element, skip?: (el: Element) => boolean): string {
  let out = '';
  let node: Node | null = root.firstChild;
  while (node) {
    let next: Node | null = null;
    const type = node.nodeType;
    if (type === TEXT_NODE || type === CDATA_SECTION_NODE) {
      out += (node as CharacterData).data;
    } else if (type === ELEMENT_NODE) {
      const el = node as Element;
      const tag = el.localName;
      if (tag === 'script') {
        const kind = (el.getAttribute('type') ?? '').toLowerCase();
        if (kind.startsWith('math/tex')) {
          const fence = kind.includes('mode=display') ? '$$' : '$';
          out += ` ${fence}${el.textContent ?? ''}${fence} `;
        }
      } else if (tag === 'br') {
        out += ' ';
      } else if (tag !== 'style' && tag !== 'noscript' && tag !== 'template' && !isMathJaxOutput(el) && !skip?.(el)) {
        next = el.firstChild;
      }
    }
    if (!next) {
      // Climb until a sibling exists, never leaving `root`.
      let cur: Node | null = node;
      while (cur && cur !== root && !cur.nextSibling) cur = cur.parentNode;
      next = cur && cur !== root ? cur.nextSibling : null;
    }
    node = next;
  }
  return out;
}

/** `span.descriptor` labels ("Title:", "Authors:", "Abstract:"), used on listing and abs pages. */
export function isDescriptor(el: Element): boolean {
  return el.localName === 'span' && el.classList.contains('descriptor');
}

/** Cleaned text of `el` without its descriptor label. */
export function textNoLabel(el: Element | null | undefined): string {
  return el ? cleanText(readText(el, isDescriptor)) : '';
}

const ET_AL = /\bet\.?\s*al\b/i;

/** True when a bare text fragment of an author list says the list is cut ("et al", "et al."). */
export function saysEtAl(text: string): boolean {
  return ET_AL.test(text);
}

/**
 * Author names from the author links under `container`, in order, plus whether plain text
 * between them says "et al". Affiliations "(CERN-TH)", separators and collaboration colons are
 * bare text and are ignored; the collaboration itself is a link and is kept, as the site shows it.
 * `skip` prunes subtrees (e.g. toggles); links whose text is urlized ("this https URL") are not names.
 */
export function readAuthorLinks(
  container: Element,
  skip?: (el: Element) => boolean,
): { names: string[]; etAl: boolean } {
  const names: string[] = [];
  let etAl = false;
  let node: Node | null = container.firstChild;
  while (node) {
    let next: Node | null = null;
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length > 3 && saysEtAl(data)) etAl = true;
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const tag = el.localName;
      if (tag === 'a') {
        const href = el.getAttribute('href') ?? '';
        if (!skip?.(el) && !/^\s*javascript:/i.test(href)) {
          const name = cleanText(readText(el));
          if (name && !/^this https?\b/i.test(name)) names.push(name);
        }
      } else if (
        tag !== 'script' &&
        tag !== 'style' &&
        tag !== 'noscript' &&
        tag !== 'template' &&
        !isDescriptor(el) &&
        !skip?.(el)
      ) {
        next = el.firstChild;
      }
    }
    if (!next) {
      let cur: Node | null = node;
      while (cur && cur !== container && !cur.nextSibling) cur = cur.parentNode;
      next = cur && cur !== container ? cur.nextSibling : null;
    }
    node = next;
  }
  return { names, etAl };
}

function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Year implied by a canonical arXiv id (the month it was announced): `0704.0001` → 2007,
 * `hep-th/9709111` → 1997, `math.GT/0309136` → 2003. Old-style ids run from 1991 to 2007.
 */
export function arxivIdYear(id: string | undefined): number | undefined {
  if (!id) return undefined;
  const slash = id.indexOf('/');
  const yy = digits(id, slash + 1, 2);
  const mm = digits(id, slash + 3, 2);
  if (Number.isNaN(yy) || Number.isNaN(mm) || mm < 1 || mm > 12) return undefined;
  if (slash < 0) return yy >= 7 ? 2000 + yy : undefined; // new style started in 0704
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

// ---------------------------------------------------------------------------------------------

const LIST_URL =
  /^https:\/\/(?:www\.|export\.)?arxiv\.org\/list\/[A-Za-z][\w.-]*\/(?:new|recent|pastweek|\d{2}|\d{4}|\d{4}-\d{2})\/?(?:[?#].*)?$/;

interface DtInfo {
  arxiv?: string;
  pdfUrl?: string;
  marker?: string;
}

function readDt(dt: Element, base: string): DtInfo {
  const info: DtInfo = {};
  const links = dt.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) {
    const a = links[i]!;
    const href = a.getAttribute('href') ?? '';
    if (!info.arxiv && (href.includes('/abs/') || a.getAttribute('title') === 'Abstract')) {
      info.arxiv =
        normalizeArxivId(a.textContent) ?? normalizeArxivId(a.getAttribute('id')) ?? normalizeArxivId(href);
    } else if (!info.pdfUrl && href.includes('/pdf/')) {
      info.pdfUrl = absoluteUrl(href.trim(), base);
    }
  }
  const text = dt.textContent ?? '';
  if (text.includes('cross-list')) info.marker = 'cross-list';
  else if (text.includes('(replaced)')) info.marker = 'replacement';
  return info;
}

function sectionType(heading: string): string | undefined {
  const h = heading.toLowerCase();
  if (h.includes('cross')) return 'cross-list';
  if (h.includes('replac')) return 'replacement';
  if (h.includes('new submission')) return 'new';
  return undefined;
}

function readDd(dd: Element, paper: DetectedPaper): void {
  let meta: Element = dd;
  for (let c = dd.firstElementChild; c; c = c.nextElementSibling) {
    if (c.classList.contains('meta')) {
      meta = c;
      break;
    }
  }
  let title: Element | null = null;
  let authors: Element | null = null;
  let journal: Element | null = null;
  let abstract: Element | null = null;
  for (let c = meta.firstElementChild; c; c = c.nextElementSibling) {
    const cl = c.classList;
    if (cl.contains('list-title')) title ??= c;
    else if (cl.contains('list-authors')) authors ??= c;
    else if (cl.contains('list-journal-ref')) journal ??= c;
    else if (c.localName === 'p') abstract ??= c;
  }
  // Markup that strays from the template (wrappers, reordering): one scoped lookup each.
  title ??= meta.querySelector('.list-title');
  authors ??= meta.querySelector('.list-authors');

  if (title) paper.title = textNoLabel(title);
  if (authors) {
    const { names, etAl } = readAuthorLinks(authors);
    paper.authors = names;
    // Listing pages silently cut long author lists after the first 101 names (split_long_author_list).
    if (etAl || names.length > 100) paper.authorsTruncated = true;
  }
  if (journal) {
    const venue = textNoLabel(journal);
    if (venue) paper.venue = venue;
  }
  if (abstract) {
    const text = cleanText(readText(abstract));
    if (text) paper.abstract = text;
  }
}

/** Top-level entry lists: `dl` under #dlpage (or the page) that are not nested in another entry. */
function entryLists(doc: Document): Element[] {
  const root = doc.getElementById('dlpage') ?? doc.body ?? doc.documentElement;
  if (!root) return [];
  const out: Element[] = [];
  const all = root.getElementsByTagName('dl');
  for (let i = 0; i < all.length; i++) {
    const dl = all[i]!;
    let nested = false;
    for (let p = dl.parentElement; p && p !== root; p = p.parentElement) {
      if (p.localName === 'dd' || p.localName === 'dl' || p.localName === 'dt') {
        nested = true;
        break;
      }
    }
    if (!nested) out.push(dl);
  }
  return out;
}

function detectListing(doc: Document, url: URL): DetectedRow[] {
  const base = url.href;
  const rows: DetectedRow[] = [];

  const emit = (dt: Element | null, dd: Element, section: string | undefined): void => {
    const info = dt ? readDt(dt, base) : undefined;
    const paper: DetectedPaper = { title: '', authors: [], ids: {} };
    readDd(dd, paper);
    if (!paper.title) return;
    if (info?.arxiv) {
      paper.ids.arxiv = info.arxiv;
      const year = arxivIdYear(info.arxiv);
      if (year) paper.year = year;
    }
    if (!paper.ids.arxiv && paper.authors.length === 0) return;
    if (info?.pdfUrl) paper.pdfUrl = info.pdfUrl;
    paper.listingType = info?.marker ?? section ?? 'new';
    rows.push({ paper, element: dd });
  };

  for (const dl of entryLists(doc)) {
    let section: string | undefined;
    let pendingDt: Element | null = null;
    const visit = (parent: Element, depth: number): void => {
      for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
        const tag = c.localName;
        if (tag === 'dt') {
          pendingDt = c; // a dt followed by another dt has no entry body: dropped
        } else if (tag === 'dd') {
          try {
            emit(pendingDt, c, section);
          } catch {
            // one broken row must not cost the others
          }
          pendingDt = null;
        } else if (tag === 'h3' || tag === 'h2') {
          section = sectionType(c.textContent ?? '') ?? section;
        } else if (tag === 'div' && depth === 0) {
          visit(c, 1); // HTML allows <div> groups of dt/dd inside dl
        }
      }
    };
    visit(dl, 0);
  }
  return rows;
}

export const arxivListing: SiteAdapter = {
  site: 'arxiv',
  urls: [LIST_URL],
  detect(doc: Document, url: URL): DetectedRow[] {
    try {
      return detectListing(doc, url);
    } catch {
      return [];
    }
  },
};
