// CVF Open Access (site-guide §9): conference / day / workshop lists and paper pages on
// openaccess.thecvf.com.
//
// List: inside `div#content > dl`, one paper is `dt.ptitle` (title link to the html page) followed
// by `dd`s up to the next `dt`: the authors (each a `form.authsearch` holding a hidden input and a
// visible link) and the links ([pdf] [supp] [arXiv] and a hidden `div.bibref` BibTeX block, which
// is never read: its names are "Last, First" with TeX accents).
// Paper page: `div#papertitle`, `div#authors` (`<b><i>comma list</i></b>; proceedings, year`),
// `div#abstract`, the same links, `citation_*` meta tags.
//
// ids.cvf is the basename of the paper's html page (`<Last>_<Title_Words>_<CONF>_<YEAR>_paper`).
// Page text is data: read with textContent / getAttribute only; nothing is written.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId } from '../ids';
import { absoluteUrl, cleanText, firstLast, hasClass, metaContent, readText } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?openaccess\.thecvf\.com`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
/** /CVPR2023, /CVPR2023?day=all, /ICCV2019.py, /CVPR2023_workshops/<ws>, /CVPR2017_workshops/CVPR2017_W1.py */
const LIST_URL = new RegExp(
  `^${HOST}/[A-Za-z]{2,8}\\d{4}(?:\\.py)?(?:_workshops/(?!menu(?:[./?#]|$))[\\w.-]+?(?:\\.py)?)?${TAIL}`,
);
/** /content/CVPR2022/html/..._paper.html, /content_cvpr_2016/html/..., /content/CVPR2023W/<ws>/html/... */
const PAPER_URL = new RegExp(`^${HOST}/content[\\w-]*(?:/[\\w.-]+)*/html/(?:[\\w.-]+/)*[^/?#]+_paper\\.html(?:[?#].*)?$`);

/** Basename of an html paper page: the CVF id. */
function cvfId(href: string | null): string | undefined {
  if (!href) return undefined;
  const m = /\/html\/(?:[^?#]*\/)?([^/?#]+_paper)\.html(?:[?#]|$)/.exec(href);
  if (!m?.[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

const SUFFIX = /_([A-Z]+?)(W?)_((?:19|20)\d\d)_paper$/;
/** Older file names put the year first: `..._2013_CVPR_paper`. */
const OLD_SUFFIX = /_((?:19|20)\d\d)_([A-Z]+?)(W?)_paper$/;

/** A workshop paper or list: `/content/CVPR2023W/...`, `/content_cvpr_2016_workshops/...`, `/CVPR2023_workshops/...`. */
function isWorkshopPath(path: string): boolean {
  return /^\/content\/[A-Za-z]+\d{4}W\//.test(path) || /^\/content_[A-Za-z]+W_/i.test(path) || /_workshops(?:[/._]|$)/i.test(path);
}

/**
 * Venue ("ICCV 2021", "CVPR 2023 Workshops") and year, from the id suffix (`_ICCV_2021_paper`,
 * `_CVPRW_2023_paper`, older `_2013_CVPR_paper`), else from the paper or list path.
 */
function venueOf(id: string | undefined, path: string, pagePath: string): { venue?: string; year?: number } {
  const ws = isWorkshopPath(path) || isWorkshopPath(pagePath);
  const m = id ? SUFFIX.exec(id) : null;
  if (m?.[1] && m[3]) return { venue: `${m[1]} ${m[3]}${m[2] || ws ? ' Workshops' : ''}`, year: Number(m[3]) };
  const o = id ? OLD_SUFFIX.exec(id) : null;
  if (o?.[1] && o[2]) return { venue: `${o[2]} ${o[1]}${o[3] || ws ? ' Workshops' : ''}`, year: Number(o[1]) };
  for (const p of [path, pagePath]) {
    const c =
      /^\/(?:content\/)?([A-Za-z]{2,8}?)W?((?:19|20)\d\d)(?:[/._?]|W\/|$)/.exec(p) ??
      /^\/content_([A-Za-z]{2,8}?)W?_((?:19|20)\d\d)(?:[/_]|$)/i.exec(p);
    if (c?.[1] && c[2]) return { venue: `${c[1].toUpperCase()} ${c[2]}${ws ? ' Workshops' : ''}`, year: Number(c[2]) };
  }
  return {};
}

/** Path of a possibly relative link, or '' when unusable. */
function pathOf(href: string | null | undefined, base: string): string {
  const abs = absoluteUrl(href, base);
  if (!abs) return '';
  try {
    return new URL(abs).pathname;
  } catch {
    return '';
  }
}

function splitAuthors(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/,|\band\b/)) {
    const name = cleanText(part);
    if (name) out.push(name);
  }
  return out;
}


function isBibref(el: Element): boolean {
  return hasClass(el.getAttribute('class'), 'bibref') || el.localName === 'script' || el.localName === 'input';
}

/** What the links block (pdf, arXiv) of one entry says. */
interface Links {
  pdfUrl?: string;
  arxiv?: string;
}

/** The parts of one `dd` (or paper-page block) the parser needs, from a single walk. */
interface Scan {
  forms: Element[];
  /** Links outside forms and outside the hidden BibTeX block. */
  anchors: Element[];
  /** A BibTeX toggle or block: this is the links box. */
  bibtex: boolean;
}

function scan(root: Element): Scan {
  const out: Scan = { forms: [], anchors: [], bibtex: false };
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length > 0) {
    const el = stack.pop()!;
    const tag = el.localName;
    const cls = el.getAttribute('class');
    if (hasClass(cls, 'bibref') || hasClass(cls, 'link2')) {
      out.bibtex = true;
      if (hasClass(cls, 'bibref')) continue; // hidden duplicate: never read
    }
    if (tag === 'form') {
      out.forms.push(el);
      continue;
    }
    if (tag === 'a') {
      out.anchors.push(el);
      if (hasClass(cls, 'fakelink')) out.bibtex = true;
      continue;
    }
    if (tag === 'script' || tag === 'style') continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  return out;
}

function readLinks(anchors: Element[], base: string, links: Links): void {
  for (const a of anchors) {
    const href = a.getAttribute('href');
    if (!href) continue;
    if (!links.pdfUrl && /_paper\.pdf(?:[?#]|$)/i.test(href)) links.pdfUrl = absoluteUrl(href, base);
    else if (!links.arxiv && /arxiv\.org\/(?:abs|pdf)\//i.test(href)) links.arxiv = normalizeArxivId(href);
  }
}

/** Authors of a list `dd`: the visible link of each `form.authsearch`, else its hidden input, else the text. */
function readAuthorBox(dd: Element, parts: Scan): string[] {
  const names: string[] = [];
  if (parts.forms.length > 0) {
    for (const form of parts.forms) {
      const a = form.getElementsByTagName('a')[0];
      let name = cleanText(a ? readText(a) : '');
      if (!name) {
        for (const input of form.getElementsByTagName('input')) {
          if (input.getAttribute('name') === 'query_author') name = cleanText(input.getAttribute('value'));
          if (name) break;
        }
      }
      if (name) names.push(name);
    }
    return names;
  }
  // Links that go nowhere (href="#") are author names; real links mean a different block.
  const plain = parts.anchors.length > 0 && parts.anchors.every((a) => {
    const href = a.getAttribute('href') ?? '';
    return !href || href === '#' || href.startsWith('javascript:');
  });
  if (plain) {
    for (const a of parts.anchors) {
      const name = cleanText(readText(a));
      if (name) names.push(name);
    }
    return names;
  }
  return splitAuthors(readText(dd, isBibref));
}

/** True when a `dd` is the links block ([pdf] [supp] ..., bibtex) rather than the author list. */
function isLinksBox(parts: Scan): boolean {
  if (parts.forms.length > 0) return false;
  if (parts.bibtex) return true;
  for (const a of parts.anchors) {
    const href = a.getAttribute('href') ?? '';
    if (/\.pdf(?:[?#]|$)/i.test(href) || /arxiv\.org/i.test(href)) return true;
  }
  return false;
}

function detectList(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const root = doc.getElementById('content') ?? doc.body;
  if (!root) return rows;
  const dts = root.getElementsByTagName('dt');
  for (let i = 0; i < dts.length; i++) {
    const dt = dts[i]!;
    if (!hasClass(dt.getAttribute('class'), 'ptitle')) continue;
    // Read on an earlier pass: skipped before its title or its dds (authors, links) are read.
    if (known?.(dt)) continue;
    try {
      let link: Element | null = null;
      for (const a of dt.getElementsByTagName('a')) {
        if (a.hasAttribute('href')) {
          link = a;
          break;
        }
      }
      const title = readText(link ?? dt).trim();
      if (!title) continue;
      const id = cvfId(link?.getAttribute('href') ?? null);
      const paper: DetectedPaper = { title, authors: [], ids: {} };
      if (id) paper.ids.cvf = id;
      const links: Links = {};
      let authorsRead = false;
      for (let el = dt.nextElementSibling; el && el.localName !== 'dt'; el = el.nextElementSibling) {
        if (el.localName !== 'dd') continue;
        const parts = scan(el);
        if (!authorsRead && !isLinksBox(parts)) {
          paper.authors = readAuthorBox(el, parts);
          authorsRead = true;
        } else {
          readLinks(parts.anchors, url.href, links);
        }
      }
      if (links.pdfUrl) paper.pdfUrl = links.pdfUrl;
      if (links.arxiv) paper.ids.arxiv = links.arxiv;
      const { venue, year } = venueOf(id, pathOf(link?.getAttribute('href'), url.href), url.pathname);
      if (venue) paper.venue = venue;
      if (year) paper.year = year;
      rows.push({ paper, element: dt, title: link ?? dt });
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}


function detectPaper(doc: Document, url: URL): DetectedRow[] {
  const titleEl = doc.getElementById('papertitle');
  const shown = titleEl ? readText(titleEl).trim() : '';
  const title = shown || metaContent(doc, 'citation_title') || '';
  if (!title) return [];
  const id = cvfId(url.pathname);
  const paper: DetectedPaper = { title, authors: [], ids: {} };
  if (id) paper.ids.cvf = id;

  // div#authors: <b><i>A, B</i></b>; Proceedings ..., 2021, pp. 1-10
  const authorsEl = doc.getElementById('authors');
  if (authorsEl) {
    const box = authorsEl.querySelector('i') ?? authorsEl.querySelector('b');
    if (box) paper.authors = splitAuthors(readText(box));
    else {
      const text = readText(authorsEl);
      paper.authors = splitAuthors(text.split(';')[0] ?? '');
    }
  }
  if (paper.authors.length === 0) {
    for (const el of doc.querySelectorAll('meta[name="citation_author"]')) {
      const name = firstLast(el.getAttribute('content') ?? '');
      if (name) paper.authors.push(name);
    }
  }

  const abstractEl = doc.getElementById('abstract');
  const abstract = abstractEl ? cleanText(readText(abstractEl)) : '';
  if (abstract) paper.abstract = abstract;

  const links: Links = {};
  const scope = titleEl?.parentElement ?? doc.getElementById('content') ?? doc.body;
  if (scope) readLinks(scan(scope).anchors, url.href, links);
  const pdf = absoluteUrl(metaContent(doc, 'citation_pdf_url'), url.href) ?? links.pdfUrl;
  if (pdf) paper.pdfUrl = pdf;
  if (links.arxiv) paper.ids.arxiv = links.arxiv;

  const { venue, year } = venueOf(id, url.pathname, url.pathname);
  if (venue) paper.venue = venue;
  const y = year ?? (Number(metaContent(doc, 'citation_publication_date')?.slice(0, 4)) || undefined);
  if (y) paper.year = y;

  const row: DetectedRow = { paper, element: titleEl ?? scope ?? doc.documentElement };
  // Only when the heading shows the title: a title from the meta tags has no element on the page.
  if (titleEl && shown) row.title = titleEl;
  return [row];
}

export const cvf: SiteAdapter = {
  site: 'cvf',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [LIST_URL, PAPER_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      // A paper page is one entry: `known` would save nothing there (the registry drops it).
      if (PAPER_URL.test(url.href)) return detectPaper(doc, url);
      return detectList(doc, url, options?.known);
    } catch {
      return [];
    }
  },
};
