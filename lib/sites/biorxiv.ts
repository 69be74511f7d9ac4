// bioRxiv / medRxiv (site-guide §14): search (/search/<terms>), subject collections
// (/collection/<subject>) and article pages (/content/10.1101/<suffix>v<N>[.full|.abstract|…]).
//
// List entry (HighWire/Drupal): div.highwire-article-citation[data-pisa][data-pisa-master] >
// div.highwire-cite > a.highwire-cite-linked-title (title) ; span.highwire-citation-author
// (span.nlm-given-names + span.nlm-surname) ; div.highwire-cite-metadata (journal, pages,
// span.highwire-cite-metadata-doi "doi: https://doi.org/10.1101/…") ; "Posted 2021-08-05." and the
// Abstract / Full Text / PDF links. Search pages wrap entries in ul.highwire-search-results-list;
// collection pages use other wrappers. Entries in sidebars are not part of the list.
//
// Article page: the citation_* meta tags and the rendered header (h1#page-title, authors) and
// div.section.abstract. Related-article panes reuse the citation markup and are never entries.
//
// Page text is data: everything is read with textContent / getAttribute.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeDoi } from '../ids';
import { absoluteUrl, cleanText, firstLast, hasClass, metaContent, readText, yearFrom } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.|connect\.)?(?:bio|med)rxiv\.org`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
const SEARCH_URL = new RegExp(`^${HOST}/search/[^?#]+${TAIL}`);
const COLLECTION_URL = new RegExp(`^${HOST}/collection/[^/?#]+${TAIL}`);
/** Article views; not the PDF itself (.full.pdf) or the supplementary files. */
const ARTICLE_URL = new RegExp(
  `^${HOST}/content/(?:10\\.\\d{4,9}/|early/\\d{4}/\\d{2}/\\d{2}/)\\d[\\d.]*?(?:v\\d+)?(?:\\.(?:full|abstract|article-info|article-metrics|full-text|article-text))?${TAIL}`,
);

const CITATION = '.highwire-article-citation';

function cls(el: Element): string | null {
  return el.getAttribute('class');
}

function siteName(url: URL): string {
  return /medrxiv\.org$/i.test(url.hostname) ? 'medRxiv' : 'bioRxiv';
}

/** DOI without the version: "10.1101/2021.08.03.454978v1" → "10.1101/2021.08.03.454978". */
function stripVersion(doi: string): string {
  return doi.replace(/v\d+$/i, '');
}

/** The DOI in a /content/10.1101/<suffix>v1[.full…] path. */
function doiFromPath(href: string | null | undefined, base: string): string | undefined {
  const abs = absoluteUrl(href?.trim(), base);
  if (!abs) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(abs).pathname);
  } catch {
    return undefined;
  }
  const m = /^\/content\/(10\.\d{4,9}\/\d[\d.]*?)(?:v\d+)?(?:\.[a-z-]+(?:\.pdf)?(?:\+html)?)?\/?$/.exec(path);
  return m?.[1] ? normalizeDoi(stripVersion(m[1])) : undefined;
}

/** Year encoded in a 2019-12+ DOI suffix: 10.1101/2021.08.03.454978 → 2021. */
function yearFromDoi(doi: string | undefined): number | undefined {
  const m = /^10\.\d+\/((?:19|20)\d\d)\.\d\d\.\d\d\.\d+$/.exec(doi ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
}

function authorName(author: Element): string {
  const given = author.querySelector('.nlm-given-names');
  const surname = author.querySelector('.nlm-surname');
  if (given || surname) return cleanText(`${given ? readText(given) : ''} ${surname ? readText(surname) : ''}`);
  const collab = author.querySelector('.nlm-collab');
  if (collab) return cleanText(readText(collab));
  // Plain text, without ORCID links and other furniture.
  return cleanText(readText(author, (el) => el.localName === 'a' && /orcid/i.test(el.getAttribute('href') ?? ''))).replace(
    /,$/,
    '',
  );
}

function readAuthors(scope: Element, nested = false): { names: string[]; truncated: boolean } {
  const names: string[] = [];
  const list = own(scope, nested, '.highwire-citation-authors') ?? own(scope, nested, '.highwire-cite-authors');
  if (!list) return { names, truncated: false };
  for (const author of list.querySelectorAll('.highwire-citation-author')) {
    if (author.parentElement?.closest('.highwire-citation-author')) continue;
    if (nested && author.closest(CITATION) !== scope) continue;
    const name = authorName(author);
    if (name && !/^et al\.?$/i.test(name)) names.push(name);
  }
  const tail = cleanText(list.textContent).slice(-10);
  return { names, truncated: names.length > 0 && /\bet al\.?$/i.test(tail) };
}

/**
 * querySelector within one citation, ignoring anything inside a citation nested in it (junk markup
 * must not lend its DOI or title to the entry around it). The common case has no nesting.
 */
function own(cite: Element, nested: boolean, selector: string): Element | null {
  if (!nested) return cite.querySelector(selector);
  for (const el of cite.querySelectorAll(selector)) if (el.closest(CITATION) === cite) return el;
  return null;
}

/** One list entry's row; its title element is the title link (or title box) the title was read from. */
function readCitation(cite: Element, url: URL): DetectedRow | undefined {
  const nested = cite.querySelector(CITATION) !== null;
  const q = (selector: string) => own(cite, nested, selector);
  const link = q('a.highwire-cite-linked-title') ?? q('.highwire-cite-title a[href]');
  const titleEl = link ?? q('.highwire-cite-title');
  if (!titleEl) return undefined;
  const title = cleanText(readText(titleEl));
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: {} };

  const { names, truncated } = readAuthors(cite, nested);
  paper.authors = names;
  if (truncated) paper.authorsTruncated = true;

  const doiText = cleanText(q('.highwire-cite-metadata-doi')?.textContent).replace(/^doi:\s*/i, '');
  const pisa = /^(?:bio|med)rxiv;([\d.]+?)(?:v\d+)?$/i.exec(cite.getAttribute('data-pisa-master') ?? cite.getAttribute('data-pisa') ?? '');
  const doi =
    normalizeDoi(doiText ? stripVersion(doiText) : undefined) ??
    doiFromPath(link?.getAttribute('href'), url.href) ??
    (pisa?.[1] ? normalizeDoi(`10.1101/${pisa[1]}`) : undefined);
  if (doi) paper.ids.doi = doi;

  const journal = cleanText(q('.highwire-cite-metadata-journal')?.textContent);
  paper.venue = journal || siteName(url);

  // "Posted 2021-08-05." (search) or a date in the metadata; else the date in the DOI.
  const posted = q('.highwire-cite-extras-label, .highwire-cite-metadata-date, .highwire-cite-date')?.textContent ?? '';
  const year = yearFrom(posted) ?? yearFromDoi(doi);
  if (year) paper.year = year;

  for (const a of cite.getElementsByTagName('a')) {
    if (nested && a.closest(CITATION) !== cite) continue;
    const href = a.getAttribute('href') ?? '';
    const li = a.parentElement;
    if (/\.pdf(?:$|[?#+])/i.test(href) || (li && hasClass(cls(li), 'pdf'))) {
      const pdf = absoluteUrl(href.trim(), url.href);
      if (pdf) {
        paper.pdfUrl = pdf;
        break;
      }
    }
  }
  return { paper, element: cite, title: titleEl };
}

/**
 * Entries of a list page: the search result list, else the main content without sidebars. Known
 * entries (read on an earlier pass) are left out before anything in them is read.
 */
function listCitations(doc: Document, known?: DetectOptions['known']): Element[] {
  const lists = doc.querySelectorAll('.highwire-search-results-list');
  const scopes: Element[] = lists.length > 0 ? Array.from(lists) : [];
  if (scopes.length === 0) {
    const main = doc.getElementById('main-content') ?? doc.querySelector('main') ?? doc.body;
    if (main) scopes.push(main);
  }
  const out: Element[] = [];
  const seen = new Set<Element>();
  for (const scope of scopes) {
    for (const cite of scope.querySelectorAll(CITATION)) {
      if (seen.has(cite)) continue;
      seen.add(cite);
      if (known?.(cite)) continue;
      if (cite.parentElement?.closest(CITATION)) continue;
      if (lists.length === 0 && inAside(cite, scope)) continue;
      out.push(cite);
    }
  }
  return out;
}

const ASIDE_CLASS = /sidebar|related|similar|most-(?:read|viewed|cited)/i;

/** True when a citation sits in a sidebar-like pane between it and the list scope. */
function inAside(cite: Element, scope: Element): boolean {
  for (let p = cite.parentElement; p && p !== scope; p = p.parentElement) {
    if (p.localName === 'aside' || ASIDE_CLASS.test(p.getAttribute('class') ?? '')) return true;
  }
  return false;
}

function detectList(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  for (const cite of listCitations(doc, known)) {
    try {
      const row = readCitation(cite, url);
      if (row) rows.push(row);
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Article page.

/** Text of an abstract given as escaped HTML in a meta tag, tags removed as text (no parsing). */
function stripTags(s: string): string {
  return cleanText(s.replace(/<[^>]*>/g, ' '));
}

function readPageAbstract(doc: Document): string | undefined {
  const box = doc.querySelector('div.section.abstract, div.abstract, #abstract-1');
  if (box) {
    const paragraphs = box.querySelectorAll('p');
    const text = cleanText(
      paragraphs.length > 0
        ? Array.from(paragraphs, (p) => readText(p)).join(' ')
        : readText(box, (el) => /^h[1-6]$/.test(el.localName)),
    ).replace(/^Abstract\s*:?\s*/i, '');
    if (text) return text;
  }
  const meta = metaContent(doc, 'citation_abstract') ?? metaContent(doc, 'DC.Description');
  const text = meta ? stripTags(meta).replace(/^Abstract\s*:?\s*/i, '') : '';
  return text && !/(?:…|\.\.\.)$/.test(text) ? text : undefined;
}

function detectArticle(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const h1 = doc.querySelector('h1#page-title, h1.highwire-cite-title') ?? doc.querySelector('main h1, #main-content h1');
  const header = h1?.closest('.highwire-article-citation, .pane-content, .panel-pane, header') ?? h1?.parentElement ?? null;
  // The one entry's element comes from the markup alone: once read, the page is not read again.
  const element = header ?? h1 ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (known?.(element)) return [];
  const shown = cleanText(h1 ? readText(h1) : '');
  const title = shown || metaContent(doc, 'citation_title') || metaContent(doc, 'DC.Title') || '';
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: [], ids: {} };

  paper.authors = Array.from(doc.querySelectorAll('meta[name="citation_author"]'), (m) =>
    firstLast(m.getAttribute('content') ?? ''),
  ).filter(Boolean);
  if (paper.authors.length === 0 && header) {
    const { names, truncated } = readAuthors(header);
    paper.authors = names;
    if (truncated) paper.authorsTruncated = true;
  }

  const doi =
    normalizeDoi(metaContent(doc, 'citation_doi')) ??
    normalizeDoi(metaContent(doc, 'DC.Identifier')) ??
    normalizeDoi(cleanText(header?.querySelector('.highwire-cite-metadata-doi')?.textContent).replace(/^doi:\s*/i, '')) ??
    doiFromPath(url.href, url.href);
  if (doi) paper.ids.doi = stripVersion(doi);

  const pdf =
    absoluteUrl(metaContent(doc, 'citation_pdf_url'), url.href) ??
    absoluteUrl(doc.querySelector('a.article-dl-pdf-link, a[href$=".full.pdf"]')?.getAttribute('href')?.trim(), url.href);
  if (pdf) paper.pdfUrl = pdf;

  const abstract = readPageAbstract(doc);
  if (abstract) paper.abstract = abstract;

  const year =
    yearFrom(metaContent(doc, 'citation_publication_date') ?? metaContent(doc, 'citation_date') ?? metaContent(doc, 'DC.Date')) ??
    yearFromDoi(paper.ids.doi);
  if (year) paper.year = year;

  paper.venue = metaContent(doc, 'citation_journal_title') ?? siteName(url);

  // A paper page has its metadata or a rendered author list; a DOI in the URL alone is not enough
  // (error pages are served at article URLs too).
  if (paper.authors.length === 0 && !metaContent(doc, 'citation_title') && !metaContent(doc, 'citation_doi')) return [];
  if (!paper.ids.doi && paper.authors.length === 0) return [];
  const row: DetectedRow = { paper, element };
  // The heading, when it shows the title; a title from the meta tags alone has no element.
  if (h1 && shown) row.title = h1;
  return [row];
}

export const biorxiv: SiteAdapter = {
  site: 'biorxiv',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [SEARCH_URL, COLLECTION_URL, ARTICLE_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    const known = options?.known;
    try {
      if (ARTICLE_URL.test(url.href)) return detectArticle(doc, url, known);
      if (SEARCH_URL.test(url.href) || COLLECTION_URL.test(url.href)) return detectList(doc, url, known);
    } catch {
      // never throw into the page
    }
    return [];
  },
};
