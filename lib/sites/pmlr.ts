// PMLR, proceedings.mlr.press (site-guide §7): volume pages and single paper pages.
//
// Volume pages (jekyll-theme `_includes/listpaper.html`) repeat `div.paper`:
//   p.title (plain text) · p.details > span.authors ("Given Family,&nbsp;Given Family") ;
//   span.info (<i>venue</i>, PMLR vol:pages) · p.links ([abs] [Download PDF] [OpenReview] …).
// The header (h2 "Volume N: …, dates, place", "Editors:" line, bib links, filters) is not an entry.
// The "Preface" pseudo-paper is kept and marked `frontMatter`.
//
// Paper pages carry `citation_*` meta tags (read first) and article.post-content with h1,
// span.authors, div#info, div#abstract and div#extras; the BibTeX/APA copies are never read.
//
// Page text is data: everything is read with textContent / getAttribute, nothing is written.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId } from '../ids';
import { absoluteUrl, yearFrom, cleanText, hasClass, metaContent, readText } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`proceedings\.mlr\.press`;
const HOST = `https?://${HOSTNAME}`;
const QUERY = String.raw`(?:[?#].*)?$`;
/** Volumes are `v<N>`; the reissued early proceedings are `r<N>`. */
const VOLUME = String.raw`[vr]\d+`;
const KEY = String.raw`[A-Za-z0-9_-]+`;

const VOLUME_URL = new RegExp(`^${HOST}/${VOLUME}(?:/(?:index\\.html)?)?${QUERY}`);
const PAPER_URL = new RegExp(`^${HOST}/${VOLUME}/(?!index\\.html)(${KEY})\\.html${QUERY}`);

/** Paper key from an abs link `/vN/<key>.html` or a PDF link `/vN/<key>/<key>.pdf`. */
const ABS_PATH = new RegExp(`^/${VOLUME}/(${KEY})\\.html$`);
const PDF_PATH = new RegExp(`^/${VOLUME}/(${KEY})/(${KEY})\\.pdf$`);

const FRONT_MATTER = /^\s*(?:preface|foreword|front\s*matter)\b/i;

// ---------------------------------------------------------------------------------------------
// Helpers.

function metaAll(doc: Document, name: string): string[] {
  const out: string[] = [];
  for (const m of doc.querySelectorAll(`meta[name="${name}"]`)) {
    const v = cleanText(m.getAttribute('content'));
    if (v) out.push(v);
  }
  return out;
}

function parseUrl(href: string | null | undefined, base: string): URL | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function isPmlrHost(u: URL): boolean {
  return u.hostname.toLowerCase() === 'proceedings.mlr.press';
}

/** "Given Family,&nbsp;Given Family": split on the theme's separator, else on commas. */
export function splitAuthors(text: string): string[] {
  const parts = text.includes(',\u00a0') ? text.split(/,\u00a0/) : text.split(',');
  const out: string[] = [];
  for (const p of parts) {
    const name = cleanText(p);
    if (name) out.push(name);
  }
  return out;
}

/** Year implied by a key (surname + 2-digit year + letter): `glorot10a` → 2010. */
export function keyYear(key: string | undefined): number | undefined {
  const m = /(\d{2})[a-z]{1,2}$/.exec(key ?? '');
  if (!m) return undefined;
  const yy = Number(m[1]);
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

/** The last plausible year in a text ("Volume 235: …, 21-27 July 2024, Vienna, Austria"). */
function lastYear(s: string | null | undefined): number | undefined {
  let year: number | undefined;
  for (const m of (s ?? '').matchAll(/\b(1[89]\d\d|20\d\d)\b/g)) year = Number(m[1]);
  return year;
}

interface Links {
  key?: string;
  pdfUrl?: string;
  openreview?: string;
  arxiv?: string;
}

/** What the links of an entry (p.links) or a paper page (div#extras) say. */
function readLinks(box: Element | null | undefined, base: string): Links {
  const out: Links = {};
  if (!box) return out;
  let anyPdf: string | undefined;
  for (const a of box.getElementsByTagName('a')) {
    const u = parseUrl(a.getAttribute('href'), base);
    if (!u) continue;
    const label = cleanText(a.textContent).toLowerCase();
    const host = u.hostname.toLowerCase();
    if (isPmlrHost(u)) {
      const abs = ABS_PATH.exec(u.pathname);
      if (abs?.[1] && abs[1] !== 'index') {
        out.key ??= abs[1];
        continue;
      }
    }
    if (host === 'openreview.net' || host.endsWith('.openreview.net')) {
      const id = u.searchParams.get('id');
      if (id && /^[\w-]+$/.test(id)) out.openreview ??= id;
      continue;
    }
    if (/(?:^|\.)arxiv\.org$/.test(host)) {
      out.arxiv ??= normalizeArxivId(u.pathname.replace(/^\/(?:abs|pdf)\//, ''));
      continue;
    }
    if (/\.pdf$/i.test(u.pathname)) {
      // "Download PDF"; supplementary material is a PDF too, but never the paper's.
      if (label.includes('supp')) continue;
      if (label.includes('download pdf') || label === 'pdf') out.pdfUrl ??= u.href;
      else anyPdf ??= u.href;
    }
  }
  if (!out.pdfUrl && anyPdf) {
    // Only a PDF named after the paper itself: /vN/<key>/<key>.pdf.
    const m = PDF_PATH.exec(new URL(anyPdf).pathname);
    if (m && m[1] === m[2] && (!out.key || m[1] === out.key)) out.pdfUrl = anyPdf;
  }
  if (!out.key && out.pdfUrl) {
    const u = new URL(out.pdfUrl);
    const m = isPmlrHost(u) ? PDF_PATH.exec(u.pathname) : null;
    if (m?.[1] && m[1] === m[2]) out.key = m[1];
  }
  return out;
}

function applyLinks(paper: DetectedPaper, links: Links): void {
  if (links.key) paper.ids.pmlr = links.key;
  if (links.openreview) paper.ids.openreview = links.openreview;
  if (links.arxiv) paper.ids.arxiv = links.arxiv;
  if (links.pdfUrl) paper.pdfUrl = links.pdfUrl;
}

/** Venue of `span.info` / `div#info`: its `<i>` (the proceedings title), else the text before ", PMLR". */
function venueOf(info: Element | null | undefined): string | undefined {
  if (!info) return undefined;
  const i = info.querySelector('i, em');
  const t = i ? cleanText(readText(i)) : cleanText(readText(info)).split(/,\s*PMLR\b/)[0];
  return t || undefined;
}

// ---------------------------------------------------------------------------------------------
// Volume page.

function isPaperDiv(el: Element): boolean {
  return el.localName === 'div' && hasClass(el.getAttribute('class'), 'paper');
}

/** The first element of class `name` in the entry, never one of an entry nested inside it. */
function firstWithClass(row: Element, name: string): Element | null {
  // Template case: the fields are children or grandchildren of div.paper; walk them first.
  for (let el = row.firstElementChild; el; el = el.nextElementSibling) {
    if (isPaperDiv(el)) continue;
    if (hasClass(el.getAttribute('class'), name)) return el;
    for (let sub = el.firstElementChild; sub; sub = sub.nextElementSibling) {
      if (!isPaperDiv(sub) && hasClass(sub.getAttribute('class'), name)) return sub;
    }
  }
  for (const el of row.querySelectorAll(`.${name}`)) {
    let owner = el.parentElement;
    while (owner && owner !== row && !isPaperDiv(owner)) owner = owner.parentElement;
    if (owner === row) return el;
  }
  return null;
}

function isNestedPaper(row: Element): boolean {
  for (let p = row.parentElement; p; p = p.parentElement) if (isPaperDiv(p)) return true;
  return false;
}

function detectVolume(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const base = url.href;
  const main = doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (!main) return [];
  // Header "Volume 235: International Conference on Machine Learning, 21-27 July 2024, Vienna, Austria".
  let heading: Element | null = null;
  for (const h of main.querySelectorAll('h2')) {
    if (!h.closest('div.paper')) {
      heading = h;
      break;
    }
  }
  const volumeYear = lastYear(heading?.textContent);

  const rows: DetectedRow[] = [];
  for (const row of main.querySelectorAll('div.paper')) {
    try {
      // Read on an earlier pass: skipped before any of its text is read.
      if (known?.(row)) continue;
      if (isNestedPaper(row)) continue;
      const titleEl = firstWithClass(row, 'title');
      if (!titleEl) continue;
      const paper: DetectedPaper = { title: readText(titleEl), authors: [], ids: {} };
      if (!cleanText(paper.title)) continue;
      const authors = firstWithClass(row, 'authors');
      if (authors) paper.authors = splitAuthors(readText(authors));
      applyLinks(paper, readLinks(firstWithClass(row, 'links'), base));
      const info = firstWithClass(row, 'info');
      const venue = venueOf(info);
      if (venue) paper.venue = venue;
      const year = volumeYear ?? keyYear(paper.ids.pmlr);
      if (year) paper.year = year;
      if (FRONT_MATTER.test(paper.title)) paper.frontMatter = true;
      rows.push({ paper, element: row, title: titleEl });
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Paper page.

function detectPaperPage(doc: Document, url: URL): DetectedRow[] {
  const base = url.href;
  const article = doc.querySelector('article.post-content') ?? doc.querySelector('article');
  const root = article ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (!root) return [];

  const h1 = root.querySelector('h1');
  const shown = h1 ? cleanText(readText(h1)) : '';
  const title = metaContent(doc, 'citation_title') ?? shown;
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: metaAll(doc, 'citation_author'), ids: {} };
  if (paper.authors.length === 0) {
    const authors = root.querySelector('span.authors');
    if (authors) paper.authors = splitAuthors(readText(authors));
  }

  const links = readLinks(root.querySelector('#extras'), base);
  let key = PAPER_URL.exec(url.href)?.[1];
  if (!key) {
    const abs = parseUrl(metaContent(doc, 'citation_abstract_html_url'), base);
    key = abs && isPmlrHost(abs) ? ABS_PATH.exec(abs.pathname)?.[1] : undefined;
  }
  if (key) paper.ids.pmlr = key;
  if (links.openreview) paper.ids.openreview = links.openreview;
  if (links.arxiv) paper.ids.arxiv = links.arxiv;
  const doi = metaContent(doc, 'citation_doi');
  if (doi) paper.ids.doi = doi;

  const pdf = absoluteUrl(metaContent(doc, 'citation_pdf_url'), base) ?? links.pdfUrl;
  if (pdf) paper.pdfUrl = pdf;

  const abstractBox = root.querySelector('#abstract');
  if (abstractBox) {
    const text = cleanText(readText(abstractBox));
    if (text) paper.abstract = text;
  }

  const info = root.querySelector('#info');
  const venue =
    metaContent(doc, 'citation_conference_title') ?? metaContent(doc, 'citation_inbook_title') ?? venueOf(info);
  if (venue) paper.venue = venue;
  const year =
    yearFrom(metaContent(doc, 'citation_publication_date')) ?? lastYear(info?.textContent) ?? keyYear(key);
  if (year) paper.year = year;
  if (FRONT_MATTER.test(title)) paper.frontMatter = true;

  const row: DetectedRow = { paper, element: root };
  // The h1 only when it shows text: a title from the meta tags alone is not on the page.
  if (h1 && shown) row.title = h1;
  return [row];
}

// ---------------------------------------------------------------------------------------------

export const pmlr: SiteAdapter = {
  site: 'pmlr',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [VOLUME_URL, PAPER_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    try {
      // A paper page is one entry: `known` would save nothing there (the registry drops it).
      if (PAPER_URL.test(url.href)) return detectPaperPage(doc, url);
      if (VOLUME_URL.test(url.href)) return detectVolume(doc, url, options?.known);
    } catch {
      /* never throw into the page */
    }
    return [];
  },
};
