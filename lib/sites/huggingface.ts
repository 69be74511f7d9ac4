// Hugging Face papers (site-guide §4): listing pages (daily / weekly / monthly / trending / search)
// and single paper pages (/papers/<arXiv id>).
//
// Listings are Svelte pages: the data is the JSON in the `data-props` attribute of the
// `[data-target="DailyPapers"]` hydrater; the cards (`article`) are the rendered view of it. The
// cards decide which entries are on the page (the client re-renders and lazy-loads more cards, so
// the server-side JSON can be stale or short); the JSON, matched to a card by arXiv id, supplies
// the fields the card does not show (authors, abstract).
//
// Page text is data: everything is read with textContent / getAttribute, nothing is written.
import type { DetectedPaper, DetectedRow } from '../paper';
import { normalizeArxivId } from '../ids';
import { absoluteUrl, cleanText, stripLabel, textWithout } from '../text';
import type { DetectOptions, SiteAdapter } from './types';

const HOSTNAME = String.raw`(?:www\.)?huggingface\.co`;
const HOST = `https://${HOSTNAME}`;
const TAIL = String.raw`/?(?:[?#].*)?$`;
/** arXiv id as HF paper paths carry it: new style only (`2303.06865`, optional version). */
const ARXIV_IN_PATH = String.raw`\d{4}\.\d{4,5}(?:v\d+)?`;

const LISTING_URLS: RegExp[] = [
  // /papers, /papers?q=..., /papers?date=...
  new RegExp(`^${HOST}/papers${TAIL}`),
  new RegExp(`^${HOST}/papers/date/\\d{4}-\\d{2}-\\d{2}${TAIL}`),
  new RegExp(`^${HOST}/papers/week/\\d{4}-W\\d{1,2}${TAIL}`),
  new RegExp(`^${HOST}/papers/month/\\d{4}-\\d{2}${TAIL}`),
  new RegExp(`^${HOST}/papers/trending${TAIL}`),
];
const PAPER_URL = new RegExp(`^${HOST}/papers/${ARXIV_IN_PATH}${TAIL}`);

/** Path of a paper page, relative or absolute: `/papers/<id>` (hash/query allowed). */
const PAPER_PATH = new RegExp(`^/papers/(${ARXIV_IN_PATH})/?$`);

const PDF_BASE = 'https://arxiv.org/pdf/';

// ---------------------------------------------------------------------------------------------
// Small, total helpers over untrusted JSON.

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = cleanText(v);
  return t || undefined;
}

/** JSON of a hydrater's `data-props`; undefined when missing, invalid or not an object. */
function hydraterProps(el: Element | null | undefined): Json | undefined {
  const raw = el?.getAttribute('data-props');
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Author names from a JSON `authors` array; undefined when it is not an array. */
function jsonAuthors(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const names: string[] = [];
  for (const a of v) {
    // `hidden` only hides the paper from a claimed author's profile; the name is still shown.
    const name = isObject(a) ? str(a.name) : str(a);
    if (name) names.push(name);
  }
  return names;
}

/** arXiv id from a link to a paper page (`/papers/<id>`, absolute or relative). */
function paperIdFromHref(href: string | null, base: string): string | undefined {
  if (!href) return undefined;
  let path: string;
  try {
    const u = new URL(href, base);
    if (!/^(?:www\.)?huggingface\.co$/i.test(u.hostname)) return undefined;
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  const m = PAPER_PATH.exec(path);
  return m?.[1] ? normalizeArxivId(m[1]) : undefined;
}

function pdfFor(id: string | undefined): string | undefined {
  return id ? PDF_BASE + id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Listings.

/** What the data-props JSON says about one paper. */
interface JsonPaper {
  id?: string;
  title?: string;
  abstract?: string;
  authors?: string[];
}

function readJsonEntry(entry: unknown): JsonPaper | undefined {
  if (!isObject(entry)) return undefined;
  // Daily/trending entries wrap the paper: { paper: {...}, title, summary, ... }.
  // Accept a bare paper object too (search results, future layouts).
  const paper = isObject(entry.paper) ? entry.paper : typeof entry.id === 'string' ? entry : undefined;
  const out: JsonPaper = {};
  const id = paper && typeof paper.id === 'string' ? normalizeArxivId(paper.id) : undefined;
  if (id) out.id = id;
  const title = str(paper?.title) ?? str(entry.title);
  if (title) out.title = title;
  const abstract = str(paper?.summary) ?? str(entry.summary);
  if (abstract) out.abstract = abstract;
  const authors = jsonAuthors(paper?.authors);
  if (authors) out.authors = authors;
  return out;
}

/** Paper entries of every DailyPapers hydrater, in JSON order. */
function readListingJson(hydraters: Element[]): JsonPaper[] {
  const out: JsonPaper[] = [];
  for (const h of hydraters) {
    const props = hydraterProps(h);
    if (!props) continue;
    const list = Array.isArray(props.dailyPapers) ? props.dailyPapers : Array.isArray(props.papers) ? props.papers : [];
    for (const entry of list) {
      const p = readJsonEntry(entry);
      if (p) out.push(p);
    }
  }
  return out;
}

/** What one card shows. */
interface Card {
  element: Element;
  id?: string;
  title?: string;
  /** The heading (or its link) showing the title; set only when it has text. */
  titleEl?: Element;
  abstract?: string;
  authors: string[];
  authorsTruncated: boolean;
}

const TITLE_LINK = 'h3 a[href]';

function readCard(article: Element, base: string): Card {
  const card: Card = { element: article, authors: [], authorsTruncated: false };
  const titleLink = article.querySelector(TITLE_LINK);
  card.id = paperIdFromHref(titleLink?.getAttribute('href') ?? null, base);
  if (!card.id) {
    // Thumbnail link (the first <a> of the card), or any other link to the paper page.
    for (const a of article.querySelectorAll('a[href]')) {
      card.id = paperIdFromHref(a.getAttribute('href'), base);
      if (card.id) break;
    }
  }
  const heading = titleLink ?? article.querySelector('h3');
  const title = cleanText(heading?.textContent);
  if (title && heading) {
    card.title = title;
    card.titleEl = heading;
  }

  // Abstract: the trending layout shows it in a <p> after the title (older layout: article > p).
  const p = article.querySelector('h3 ~ p') ?? [...article.children].find((c) => c.tagName === 'P');
  const abstract = cleanText(p?.textContent);
  if (abstract) card.abstract = abstract;

  // A few author avatars: ul > li[title], rendered in reverse for a `flex-row-reverse` list.
  const ul = article.querySelector('ul > li[title]')?.parentElement;
  if (ul) {
    const names: string[] = [];
    for (const li of ul.children) {
      const name = li.tagName === 'LI' ? cleanText(li.getAttribute('title')) : '';
      if (name) names.push(name);
    }
    if (ul.classList.contains('flex-row-reverse')) names.reverse();
    card.authors = names;
    // "· 14 authors" next to the avatars.
    const count = /(\d[\d,]*)\s+authors?\b/i.exec(cleanText(ul.parentElement?.textContent));
    const total = count?.[1] ? Number(count[1].replace(/,/g, '')) : NaN;
    if (names.length > 0 && Number.isFinite(total) && total > names.length) card.authorsTruncated = true;
  }
  return card;
}

/** Card elements: `article`s of the hydraters; else of the main content. */
function findCards(doc: Document, hydraters: Element[]): Element[] {
  const cards: Element[] = [];
  const seen = new Set<Element>(); // hydraters could nest
  for (const h of hydraters) {
    for (const a of h.querySelectorAll('article')) {
      if (!seen.has(a)) cards.push(a);
      seen.add(a);
    }
  }
  if (cards.length > 0) return cards;
  const scope = doc.querySelector('main') ?? doc.body;
  if (!scope) return cards;
  for (const a of scope.querySelectorAll('article')) if (a.querySelector(TITLE_LINK)) cards.push(a);
  if (cards.length > 0) return cards;
  // No <article> at all: one card per title heading.
  for (const link of scope.querySelectorAll('h3 > a[href]')) {
    const h3 = link.parentElement;
    if (h3) cards.push(h3.parentElement ?? h3);
  }
  return cards;
}

function paperFrom(card: Card | undefined, json: JsonPaper | undefined): DetectedPaper {
  const id = json?.id ?? card?.id;
  const paper: DetectedPaper = {
    title: json?.title ?? card?.title ?? '',
    authors: [],
    ids: id ? { arxiv: id } : {},
  };
  if (json?.authors && json.authors.length > 0) {
    paper.authors = json.authors;
  } else if (card && card.authors.length > 0) {
    paper.authors = card.authors;
    if (card.authorsTruncated) paper.authorsTruncated = true;
  }
  const abstract = json?.abstract ?? card?.abstract;
  if (abstract) paper.abstract = abstract;
  const pdf = pdfFor(id);
  if (pdf) paper.pdfUrl = pdf;
  return paper;
}

function detectListing(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  const hydraters = [...doc.querySelectorAll('[data-target="DailyPapers"]')];
  const cardElements = findCards(doc, hydraters);
  if (cardElements.length === 0) {
    // Nothing rendered (or a layout we do not know): the JSON alone, anchored on its hydrater.
    const anchor = hydraters[0];
    if (!anchor || known?.(anchor)) return [];
    return readListingJson(hydraters).map((p) => ({ paper: paperFrom(undefined, p), element: anchor }));
  }
  // Cards read on an earlier pass are skipped before any of their text is read; the JSON is only
  // parsed when some card is new.
  const fresh = known ? cardElements.filter((el) => !known(el)) : cardElements;
  if (fresh.length === 0) return [];
  const byId = new Map<string, JsonPaper>();
  for (const p of readListingJson(hydraters)) if (p.id && !byId.has(p.id)) byId.set(p.id, p);

  // The cards are what the page shows now; JSON entries without a card are stale data.
  const rows: DetectedRow[] = [];
  for (const el of fresh) {
    const card = readCard(el, url.href);
    if (!card.id) continue; // not a paper card (every paper card links to its /papers/<id> page)
    const row: DetectedRow = { paper: paperFrom(card, byId.get(card.id)), element: el };
    if (card.titleEl) row.title = card.titleEl;
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Single paper page.

function headingOf(doc: Document): HTMLHeadingElement | null {
  return doc.querySelector('main h1') ?? doc.querySelector('h1');
}

/** Title from `og:title` / `<title>`, which read "Paper page - <title>". */
function titleFromHead(doc: Document): string | undefined {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  for (const s of [og, doc.title]) {
    const m = /^\s*Paper page\s*[-–—]\s*(.+)$/is.exec(s ?? '');
    const t = cleanText(m?.[1]);
    if (t) return t;
  }
  return undefined;
}

const NOT_A_NAME = /^(?:authors?:?|and|et al\.?|\+?\s*\d+\s+(?:more\s+)?authors?|…|\.\.\.)$/i;

function authorsFromDom(h1: Element | null): { names: string[]; truncated: boolean } {
  const result = { names: [] as string[], truncated: false };
  if (!h1) return result;
  const scopes = [h1.parentElement, h1.closest('section')].filter((s): s is HTMLElement => !!s);
  for (const scope of scopes) {
    const spans = scope.querySelectorAll('.author');
    if (spans.length === 0) continue;
    for (const span of spans) {
      if (span.parentElement?.closest('.author')) continue; // nested .author
      const named = span.querySelector('a, button');
      const name = cleanText(named?.textContent || span.textContent).replace(/[,;·\s]+$/, '');
      if (name && !NOT_A_NAME.test(name)) result.names.push(name);
    }
    if (result.names.length > 0) break;
  }
  if (result.names.length === 0) {
    // "Authors:" label followed by links.
    for (const scope of scopes) {
      const label = [...scope.querySelectorAll('h2, h3, span, div, dt')].find((e) => /^authors?:?$/i.test(cleanText(e.textContent)));
      const box = label?.parentElement;
      if (!box) continue;
      for (const a of box.querySelectorAll('a, button')) {
        const name = cleanText(a.textContent);
        if (name && !NOT_A_NAME.test(name)) result.names.push(name);
      }
      if (result.names.length > 0) break;
    }
  }
  for (const scope of scopes) {
    if (/\+\s*\d+\s+(?:more\s+)?authors?\b/i.test(cleanText(scope.querySelector('.author')?.parentElement?.textContent))) {
      result.truncated = true;
    }
  }
  return result;
}

function abstractFromDom(doc: Document): string | undefined {
  const scope = doc.querySelector('main') ?? doc.body;
  if (!scope) return undefined;
  const heading = [...scope.querySelectorAll('h2, h3')].find((h) => /^abstract:?$/i.test(cleanText(h.textContent)));
  const box = heading?.parentElement ?? scope.querySelector('div.pb-8.pr-4');
  if (!box) return undefined;
  // The abstract paragraph(s) sit directly in the box; an "AI-generated summary" sits in a nested box.
  const direct = [...box.children].filter((c) => c.tagName === 'P');
  const paragraphs = direct.length > 0 ? direct : [...box.querySelectorAll('p.text-gray-600')];
  if (paragraphs.length > 0) {
    const t = cleanText(paragraphs.map((p) => p.textContent ?? '').join(' '));
    return t || undefined;
  }
  const t = stripLabel(textWithout(box, 'h1, h2, h3, h4, button, script, style, template'), /^abstract\s*:?\s*/i);
  return t || undefined;
}

function pdfFromDom(scope: Element | null, id: string, base: string): string | undefined {
  if (!scope) return undefined;
  for (const a of scope.querySelectorAll('a[href*="arxiv.org/pdf/"]')) {
    const href = absoluteUrl(a.getAttribute('href'), base);
    if (href && normalizeArxivId(href) === id) return href;
  }
  return undefined;
}

function detectPaperPage(doc: Document, url: URL, known?: DetectOptions['known']): DetectedRow[] {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep the raw path */
  }
  const id = normalizeArxivId(PAPER_PATH.exec(path)?.[1]);
  if (!id) return [];

  // The row element is the heading's container; when it was read on an earlier pass, nothing is read.
  const h1 = headingOf(doc);
  const element = h1?.parentElement ?? h1 ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement;
  if (known?.(element)) return [];

  // Hydration JSON of the paper page, when the page carries one (`PaperContent`), for this paper.
  let json: JsonPaper | undefined;
  for (const h of doc.querySelectorAll('[data-target="PaperContent"], [data-target="PaperPage"]')) {
    const props = hydraterProps(h);
    const p = props && isObject(props.paper) ? readJsonEntry({ paper: props.paper }) : undefined;
    if (p && (!p.id || p.id === id)) {
      json = p;
      break;
    }
  }

  const headTitle = titleFromHead(doc);
  const domAuthors = authorsFromDom(h1);
  const abstract = json?.abstract ?? abstractFromDom(doc);
  // A paper page, not an error page: it has the paper's data or its page furniture.
  if (!json && !headTitle && domAuthors.names.length === 0 && !abstract) return [];

  const shown = cleanText(h1?.textContent);
  const title = json?.title ?? (shown || headTitle) ?? '';
  const paper: DetectedPaper = { title, authors: [], ids: { arxiv: id } };
  if (json?.authors && json.authors.length > 0) {
    paper.authors = json.authors;
  } else {
    paper.authors = domAuthors.names;
    if (domAuthors.truncated && paper.authors.length > 0) paper.authorsTruncated = true;
  }
  if (abstract) paper.abstract = abstract;
  const headerBox = h1?.closest('section') ?? h1?.parentElement ?? null;
  paper.pdfUrl = pdfFromDom(headerBox, id, url.href) ?? pdfFor(id);
  const row: DetectedRow = { paper, element };
  // The h1 only when it shows text: a title from the JSON or <head> alone is not shown anywhere.
  if (h1 && shown) row.title = h1;
  return [row];
}

// ---------------------------------------------------------------------------------------------

export const huggingface: SiteAdapter = {
  site: 'huggingface',
  host: new RegExp(`^${HOSTNAME}$`),
  urls: [...LISTING_URLS, PAPER_URL],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    if (PAPER_URL.test(url.href)) return detectPaperPage(doc, url, options?.known);
    if (LISTING_URLS.some((re) => re.test(url.href))) return detectListing(doc, url, options?.known);
    return [];
  },
};
