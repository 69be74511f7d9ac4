// Semantic Scholar (site-guide §11): search (/search?q=…), author pages (/author/<name>/<id>) and
// paper pages (/paper/[<slug>/]<40-hex paperId>). A client-rendered React app: the adapter reads
// whatever has been rendered into the DOM when it runs.
//
// Search row: div.cl-paper-row[data-paper-id] > a[data-heap-id=title_link] > h2.cl-paper-title;
// span.cl-paper-authors (first names + a "+N authors" button, sometimes the last author after it);
// span.cl-paper-venue; span.cl-paper-pubdates; a truncated TLDR/abstract (never the abstract);
// actions with PDF/arXiv/DOI links.
//
// Paper page: script.schema-data (JSON-LD, `@graph[1][0]` is the Article) first, then the
// citation_* meta tags and the rendered header. The citing/cited lists reuse cl-paper-row markup and
// are never entries of a paper page.
//
// Page text is data: everything is read with textContent / getAttribute / JSON.parse.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId, normalizeDoi, normalizeTitle } from '../ids';
import { absoluteUrl, yearFrom, cleanText, hasClass, ELEMENT_NODE, metaContent, readText, walk, TEXT_NODE } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?semanticscholar\.org`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
const SEARCH_URL = new RegExp(`^${HOST}/search\\?`);
const AUTHOR_URL = new RegExp(`^${HOST}/author/(?:[^/?#]+/)?\\d+${TAIL}`);
const PAPER_URL = new RegExp(`^${HOST}/paper/(?:[^/?#]+/)?([0-9a-fA-F]{40})${TAIL}`);

const S2_ID = /^[0-9a-f]{40}$/i;

function cls(el: Element): string | null {
  return el.getAttribute('class');
}

function s2Id(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v && S2_ID.test(v) ? v.toLowerCase() : undefined;
}

/** The 40-hex paper id at the end of a /paper/ link. */
function s2FromHref(href: string | null): string | undefined {
  const m = /\/paper\/(?:[^/?#]+\/)?([0-9a-fA-F]{40})(?:[/?#]|$)/.exec(href ?? '');
  return s2Id(m?.[1]);
}

const MORE_AUTHORS = /^\+?\s*\d[\d,]*\s+(?:more\s+)?authors?$/i;
const NOT_A_NAME = /^(?:…|\.\.\.|et al\.?|and|,|less|show less|show more|more)$/i;

/**
 * Names of an author list, in DOM order: each link is one name, plain text between links is split
 * on commas. Buttons ("+5 authors", "less") and hidden-count wrappers are not names; the first
 * kind marks the list as truncated.
 */
function readAuthorList(container: Element): { names: string[]; truncated: boolean } {
  const names: string[] = [];
  let truncated = false;
  let buffer = '';
  const flush = () => {
    const name = cleanText(buffer);
    buffer = '';
    if (!name) return;
    if (MORE_AUTHORS.test(name) || /^(?:…|\.\.\.|et al\.?)$/i.test(name)) truncated = true;
    else if (!NOT_A_NAME.test(name)) names.push(name);
  };
  walk(container, (node) => {
    if (node.nodeType === TEXT_NODE) {
      const parts = (node as Text).data.split(',');
      buffer += parts[0];
      for (let i = 1; i < parts.length; i++) {
        flush();
        buffer += parts[i];
      }
      return false;
    }
    if (node.nodeType !== ELEMENT_NODE) return false;
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'script' || tag === 'style' || tag === 'template') return false;
    const c = cls(el);
    if (tag === 'button' || hasClass(c, 'cl-paper-authors__hidden-count') || /\bmore-authors?\b/.test(c ?? '')) {
      const label = cleanText(el.textContent) || cleanText(el.getAttribute('aria-label'));
      if (/\d/.test(label) || /more/i.test(label)) truncated = true;
      return false;
    }
    if (tag === 'a') {
      flush();
      buffer = readText(el);
      flush();
      return false;
    }
    return true;
  });
  flush();
  return { names, truncated };
}

interface Links {
  arxiv?: string;
  doi?: string;
  pdfUrl?: string;
}

/** ids and PDF from the outbound links of a row or header (arXiv, doi.org, PDF files). */
function readLinks(scope: Element, base: string, skip?: (a: Element) => boolean): Links {
  const out: Links = {};
  for (const a of scope.getElementsByTagName('a')) {
    if (skip?.(a)) continue;
    const href = absoluteUrl(a.getAttribute('href')?.trim(), base);
    if (!href) continue;
    let u: URL;
    try {
      u = new URL(href);
    } catch {
      continue;
    }
    const host = u.hostname.toLowerCase();
    if (/(?:^|\.)arxiv\.org$/.test(host)) {
      const m = /^\/(abs|pdf)\/(.+?)\/?$/.exec(u.pathname);
      const id = normalizeArxivId(m?.[2]);
      if (id) {
        out.arxiv ??= id;
        if (m?.[1] === 'pdf') out.pdfUrl ??= href;
      }
    } else if (host === 'doi.org' || host === 'dx.doi.org') {
      let path = u.pathname.slice(1);
      try {
        path = decodeURIComponent(path);
      } catch {
        /* keep */
      }
      out.doi ??= normalizeDoi(path);
    } else if (/\.pdf$/i.test(u.pathname) || host === 'pdfs.semanticscholar.org') {
      out.pdfUrl ??= href;
    }
  }
  return out;
}

function applyLinks(paper: DetectedPaper, links: Links): void {
  if (links.arxiv && !paper.ids.arxiv) paper.ids.arxiv = links.arxiv;
  if (links.doi && !paper.ids.doi) paper.ids.doi = links.doi;
  if (links.pdfUrl && !paper.pdfUrl) paper.pdfUrl = links.pdfUrl;
}

// ---------------------------------------------------------------------------------------------
// Search and author pages: one entry per div.cl-paper-row.

const ROW = '.cl-paper-row';

/** querySelector within one row, ignoring rows nested in it (junk must not lend its fields). */
function own(row: Element, nested: boolean, selector: string): Element | null {
  if (!nested) return row.querySelector(selector);
  for (const el of row.querySelectorAll(selector)) if (el.closest(ROW) === row) return el;
  return null;
}

function titleLinkOf(row: Element, q: (s: string) => Element | null): Element | null {
  for (const child of row.children) {
    if (child.localName === 'a') return child; // Zotero: ".cl-paper-row > a"
  }
  return q('a[data-heap-id="title_link"]') ?? q('.cl-paper-title')?.closest('a') ?? null;
}

/** One search / author-page row; its title element is the heading (else the link) the title was read from. */
function readRow(row: Element, base: string): DetectedRow | undefined {
  const nested = row.querySelector(ROW) !== null;
  const q = (selector: string) => own(row, nested, selector);
  const link = titleLinkOf(row, q);
  const heading = q('.cl-paper-title') ?? link;
  if (!heading) return undefined;
  const title = cleanText(readText(heading));
  if (!title) return undefined;
  const paper: DetectedPaper = { title, authors: [], ids: {} };
  const id = s2Id(row.getAttribute('data-paper-id')) ?? s2FromHref(link?.getAttribute('href') ?? null);
  if (id) paper.ids.s2 = id;

  const authorsEl = q('.cl-paper-authors');
  if (authorsEl) {
    const { names, truncated } = readAuthorList(authorsEl);
    paper.authors = names;
    if (truncated && names.length > 0) paper.authorsTruncated = true;
  }
  const venueEl = q('.cl-paper-venue');
  const venue = venueEl ? cleanText(readText(venueEl)) : '';
  if (venue) paper.venue = venue;
  const dates = q('.cl-paper-pubdates');
  const year = yearFrom(dates?.textContent);
  if (year) paper.year = year;

  // PDF / arXiv / DOI links among the row's actions (not the title or author links).
  applyLinks(
    paper,
    readLinks(
      row,
      base,
      (a) =>
        a === link || !!a.closest('.cl-paper-authors, .cl-paper-title, .cl-paper-abstract') || (nested && a.closest(ROW) !== row),
    ),
  );
  return { paper, element: row, title: heading };
}

function detectRows(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const scope = doc.querySelector('.result-page') ?? doc.querySelector('main') ?? doc.body;
  if (!scope) return rows;
  for (const row of scope.querySelectorAll(ROW)) {
    if (known?.(row)) continue; // read on an earlier pass: not read again
    if (row.parentElement?.closest(ROW)) continue; // a row nested in a row is junk
    try {
      const read = readRow(row, url.href);
      if (read) rows.push(read);
    } catch {
      // one broken row must not cost the others
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Paper page.

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = cleanText(v);
  return t || undefined;
}

const ARTICLE_TYPES = /^(?:ScholarlyArticle|Article|MedicalScholarlyArticle|Report|Thesis|Chapter|Book|CreativeWork)$/;

function isArticle(v: Json): boolean {
  const t = v['@type'];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x));
}

/** The Article object of a JSON-LD block: `@graph[1][0]` on S2, searched more loosely here. */
function findArticle(data: unknown): Json | undefined {
  const queue: unknown[] = [data];
  let seen = 0;
  while (queue.length > 0 && seen < 200) {
    const v = queue.shift();
    seen++;
    if (Array.isArray(v)) {
      queue.push(...v);
    } else if (isObject(v)) {
      if (isArticle(v) && (str(v.name) ?? str(v.headline))) return v;
      if (Array.isArray(v['@graph'])) queue.push(v['@graph']);
      if (isObject(v.mainEntity)) queue.push(v.mainEntity);
    }
  }
  return undefined;
}

function jsonArticle(doc: Document): Json | undefined {
  for (const script of doc.querySelectorAll('script.schema-data, script[type="application/ld+json"]')) {
    try {
      const found = findArticle(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // invalid JSON: try the next block
    }
  }
  return undefined;
}

function jsonAuthors(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const names: string[] = [];
  for (const a of list) {
    const name = isObject(a) ? str(a.name) : str(a);
    if (name) names.push(name);
  }
  return names;
}

function jsonUrls(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === 'string') out.push(x);
    else if (isObject(x)) {
      for (const key of ['url', 'contentUrl', '@id']) if (typeof x[key] === 'string') out.push(x[key] as string);
    }
  }
  return out;
}

/** True when `el` shows `title`: the same text, normalised. */
function sameTitle(el: Element, title: string): boolean {
  return normalizeTitle(cleanText(el.textContent)) === normalizeTitle(title);
}

function isTruncated(text: string): boolean {
  return /(?:…|\.\.\.)$/.test(text);
}

function detectPaper(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const h1 = doc.querySelector('h1[data-test-id="paper-detail-title"]') ?? doc.querySelector('main h1') ?? doc.querySelector('h1');
  const header =
    h1?.closest('.paper-detail-page__header, .fresh-paper-detail-page__header, header, [data-test-id="paper-detail-header"]') ??
    h1?.parentElement ??
    null;
  // The one entry's element is found from the markup alone; once read, the React app's re-renders
  // do not parse the JSON-LD again.
  const element = header ?? h1 ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (known?.(element)) return [];
  const id = s2Id(PAPER_URL.exec(url.href)?.[1]);
  const json = jsonArticle(doc);

  const structured = (json && (str(json.name) ?? str(json.headline))) || metaContent(doc, 'citation_title');
  const title = structured || cleanText(h1 ? readText(h1) : '');
  if (!title) return [];
  const paper: DetectedPaper = { title, authors: [], ids: {} };
  if (id) paper.ids.s2 = id;

  // Authors: JSON-LD lists them all; the header shows a cut list.
  paper.authors = json ? jsonAuthors(json.author) : [];
  if (paper.authors.length === 0) {
    paper.authors = Array.from(doc.querySelectorAll('meta[name="citation_author"]'), (m) =>
      cleanText(m.getAttribute('content')),
    ).filter(Boolean);
  }
  if (paper.authors.length === 0 && header) {
    const list = header.querySelector('[data-test-id="author-list"], .author-list, .cl-paper-authors');
    if (list) {
      const { names, truncated } = readAuthorList(list);
      paper.authors = names;
      if (truncated && names.length > 0) paper.authorsTruncated = true;
    }
  }

  const abstract = json ? (str(json.abstract) ?? str(json.description)) : undefined;
  if (abstract && !isTruncated(abstract)) paper.abstract = abstract;
  else {
    const el = doc.querySelector('[data-test-id="abstract-text"]');
    // The rendered abstract counts only when it is not cut behind an "Expand" toggle.
    if (el && !el.querySelector('button, .text-truncator__expand')) {
      const text = cleanText(readText(el)).replace(/^(?:Abstract|TLDR)\s*:?\s*/i, '');
      if (text && !isTruncated(text)) paper.abstract = text;
    }
  }

  const year =
    yearFrom(json ? str(json.datePublished) : undefined) ??
    yearFrom(metaContent(doc, 'citation_publication_date') ?? metaContent(doc, 'citation_date')) ??
    yearFrom(header?.querySelector('[data-test-id="paper-year"]')?.textContent);
  if (year) paper.year = year;

  const pub = json?.publication ?? json?.isPartOf;
  const venue =
    (isObject(pub) ? str(pub.name) : str(pub)) ?? cleanText(header?.querySelector('[data-test-id="venue-metadata"]')?.textContent);
  if (venue) paper.venue = venue;

  // Identifiers and PDF: JSON-LD sameAs (DOI URL) and mainEntity (PDF URL), then the meta tags and
  // the header links.
  if (json) {
    for (const u of jsonUrls(json.sameAs)) {
      const doi = /doi\.org\//i.test(u) ? normalizeDoi(u) : undefined;
      if (doi) paper.ids.doi ??= doi;
      const arxiv = /arxiv\.org\/(?:abs|pdf)\//i.test(u) ? normalizeArxivId(u.replace(/^.*arxiv\.org\/(?:abs|pdf)\//i, '')) : undefined;
      if (arxiv) paper.ids.arxiv ??= arxiv;
    }
    for (const u of [...jsonUrls(json.mainEntity), ...jsonUrls(json.about), ...jsonUrls(json.encoding)]) {
      const href = absoluteUrl(u, url.href);
      if (!href) continue;
      if (/\.pdf(?:$|[?#])/i.test(href) || /arxiv\.org\/pdf\//i.test(href) || /pdfs\.semanticscholar\.org/i.test(href)) {
        paper.pdfUrl ??= href;
        const arxiv = /arxiv\.org\/pdf\//i.test(href) ? normalizeArxivId(href.replace(/^.*arxiv\.org\/pdf\//i, '')) : undefined;
        if (arxiv) paper.ids.arxiv ??= arxiv;
      }
    }
  }
  const metaDoi = normalizeDoi(metaContent(doc, 'citation_doi'));
  if (metaDoi) paper.ids.doi ??= metaDoi;
  const metaPdf = absoluteUrl(metaContent(doc, 'citation_pdf_url'), url.href);
  if (metaPdf) paper.pdfUrl ??= metaPdf;
  if (header) {
    const doiEl = header.querySelector('[data-test-id="paper-doi"], .doi__link');
    const doi = normalizeDoi(doiEl?.getAttribute('href')) ?? normalizeDoi(cleanText(doiEl?.textContent).replace(/^DOI:?\s*/i, ''));
    if (doi) paper.ids.doi ??= doi;
    applyLinks(
      paper,
      readLinks(header, url.href, (a) => !!a.closest('[data-test-id="author-list"], .author-list, .cl-paper-row')),
    );
  }

  const row: DetectedRow = { paper, element };
  // The h1 shows the title when it is S2's title heading or the title was read from it; a fallback
  // h1 (any heading on the page) counts only when its text is the title.
  if (h1 && (!structured || h1.getAttribute('data-test-id') === 'paper-detail-title' || sameTitle(h1, title))) row.title = h1;
  return [row];
}

export const semanticScholar: SiteAdapter = {
  site: 'semantic-scholar',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [SEARCH_URL, AUTHOR_URL, PAPER_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    const known = options?.known;
    try {
      if (PAPER_URL.test(url.href)) return detectPaper(doc, url, known);
      if (SEARCH_URL.test(url.href) || AUTHOR_URL.test(url.href)) return detectRows(doc, url, known);
    } catch {
      // never throw into the page
    }
    return [];
  },
};
