// Generic detector: schema.org JSON-LD (site-guide §17). Every `<script type="application/ld+json">`
// is parsed on its own (invalid JSON is ignored); items are found in single objects, arrays,
// `@graph` (also arrays nested in it, as Semantic Scholar writes), and through `mainEntity`,
// `itemListElement` / `item` and `hasPart` of wrappers. Cited works (`citation`), `isPartOf`,
// datasets, breadcrumbs and web-page wrappers are never entries.
//
// Page text is data: JSON values are read as strings; nothing is parsed as HTML.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { normalizeTitle } from '../ids';
import { absoluteUrl, cleanText, yearFrom } from '../text';
import {
  cleanAbstract,
  idsFromString,
  isChrome,
  mainHeading,
  pageRow,
  personName,
  plausibleYear,
  textValue,
} from './generic-meta';
import type { DetectOptions } from './types';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a list: arrays as they are, `{"@list": [...]}` unwrapped, anything else alone. */
function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (isObject(v) && Array.isArray(v['@list'])) return v['@list'];
  return [v];
}

/** Text of a JSON-LD literal: a string, a number, `{"@value": ...}`, or the first of a list. */
function text(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'string') return textValue(v) || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (depth > 3) return undefined;
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = text(x, depth + 1);
      if (t) return t;
    }
    return undefined;
  }
  if (isObject(v) && '@value' in v) return text(v['@value'], depth + 1);
  return undefined;
}

/** Local names of an item's `@type`s ("ScholarlyArticle", from "schema:…" or "https://schema.org/…" too). */
function types(item: Json): string[] {
  return list(item['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.trim().replace(/^.*[/:#]/, ''));
}

/** Types that are papers by themselves. */
const PAPER_TYPES = new Set(['ScholarlyArticle', 'MedicalScholarlyArticle', 'Thesis']);
/** Types that are papers only with a paper identifier (news and blog posts are `Article`s too). */
const MAYBE_PAPER_TYPES = new Set(['Article', 'Report', 'Chapter', 'TechArticle']);
/** Wrapper properties that can hold the page's papers. */
const CONTAINER_KEYS = ['@graph', 'mainEntity', 'itemListElement', 'item', 'hasPart'];

const MAX_DEPTH = 12;
const MAX_NODES = 100_000;

/** Candidate paper items in document order, from one parsed JSON-LD block. */
function collectItems(root: unknown, index: NodeIndex): Json[] {
  const out: Json[] = [];
  const taken = new Set<Json>();
  const stack: [unknown, number][] = [[root, 0]];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const [node, depth] = stack.pop()!;
    visited++;
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], depth + 1]);
      continue;
    }
    const obj = deref(node, index);
    if (!isObject(obj)) continue;
    const t = types(obj);
    if (t.some((x) => PAPER_TYPES.has(x) || MAYBE_PAPER_TYPES.has(x))) {
      const id = obj['@id'];
      if (!taken.has(obj) && !(typeof id === 'string' && index.cited.has(id))) out.push(obj);
      taken.add(obj);
      continue; // its citation[] and isPartOf are not entries
    }
    for (let k = CONTAINER_KEYS.length - 1; k >= 0; k--) {
      const v = obj[CONTAINER_KEYS[k]!];
      if (v !== undefined) stack.push([v, depth + 1]);
    }
  }
  return out;
}

/**
 * Nodes of one JSON-LD block by `@id`, to follow references such as `"author": {"@id": "#a1"}`,
 * plus the ids other nodes point at as cited / related works (a flattened `@graph` lists those
 * works as top-level nodes).
 */
interface NodeIndex {
  get(id: string): Json | undefined;
  has(id: string): boolean;
  set(id: string, node: Json): unknown;
  cited: Set<string>;
}

const NOT_THIS_WORK = ['citation', 'isBasedOn', 'isRelatedTo', 'isSimilarTo', 'relatedLink', 'significantLink', 'mentions', 'review'];

function indexNodes(root: unknown): NodeIndex {
  const index: NodeIndex = Object.assign(new Map<string, Json>(), { cited: new Set<string>() });
  const stack: [unknown, number][] = [[root, 0]];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const [node, depth] = stack.pop()!;
    visited++;
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(node)) {
      for (const x of node) stack.push([x, depth + 1]);
    } else if (isObject(node)) {
      const id = node['@id'];
      // A node with more than its @id is a definition; a bare {"@id"} is a reference.
      if (typeof id === 'string' && Object.keys(node).length > 1 && !index.has(id)) index.set(id, node);
      for (const key of NOT_THIS_WORK) {
        for (const ref of list(node[key])) {
          const refId = typeof ref === 'string' ? ref : isObject(ref) ? ref['@id'] : undefined;
          if (typeof refId === 'string') index.cited.add(refId);
        }
      }
      for (const v of Object.values(node)) if (typeof v === 'object' && v !== null) stack.push([v, depth + 1]);
    }
  }
  return index;
}

/** A bare `{"@id": ...}` reference replaced by the node it names, when the block defines it. */
function deref(v: unknown, index: NodeIndex): unknown {
  if (!isObject(v)) return v;
  const id = v['@id'];
  if (typeof id !== 'string' || Object.keys(v).length !== 1) return v;
  return index.get(id) ?? v;
}

function authorName(raw: unknown, index: NodeIndex): string | undefined {
  const a = deref(raw, index);
  if (typeof a === 'string') return personName(a) || undefined;
  if (!isObject(a)) return undefined;
  const t = types(a);
  const name = text(a.name);
  if (t.includes('Organization') || t.some((x) => x.endsWith('Organization'))) return name;
  if (name) return personName(name) || undefined;
  const given = text(a.givenName);
  const family = text(a.familyName);
  const joined = cleanText([given, text(a.additionalName), family].filter(Boolean).join(' '));
  return joined || undefined;
}

function itemIds(item: Json): PaperIds {
  const ids: PaperIds = {};
  for (const id of list(item.identifier)) {
    if (typeof id === 'string') {
      idsFromString(id, ids);
    } else if (isObject(id)) {
      const kind = (text(id.propertyID) ?? text(id.name) ?? '').toLowerCase();
      const value = text(id.value) ?? text(id['@value']);
      if (!value) continue;
      if (kind === 'doi') idsFromString(value, ids);
      else if (kind === 'pmid' || kind === 'pubmed') idsFromString(`info:pmid/${value}`, ids);
      else if (kind === 'pmcid' || kind === 'pmc') idsFromString(`info:pmc/${value}`, ids);
      else if (kind === 'arxiv') idsFromString(`info:arxiv/${value}`, ids);
      else idsFromString(value, ids); // a scheme-prefixed value or a URL says what it is
    }
  }
  for (const key of ['doi', 'sameAs', 'url', '@id']) {
    for (const v of list(item[key])) {
      const s = text(v) ?? (isObject(v) ? text(v['@id']) : undefined);
      if (!s) continue;
      // Bare strings here are URLs; only resolver/repository URLs and explicit schemes count.
      if (key === 'doi' || /^(?:https?:\/\/|doi:|info:|arxiv:|pmid:)/i.test(s)) idsFromString(s, ids);
    }
  }
  return ids;
}

/** Venue from the `isPartOf` chain (Issue → Volume → Periodical): the periodical's name first. */
function venueOf(item: Json, index: NodeIndex): string | undefined {
  const chain: Json[] = [];
  let names: string[] = [];
  let level = list(item.isPartOf);
  for (let depth = 0; depth < 6 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const raw of level) {
      const v = deref(raw, index);
      if (typeof v === 'string') names.push(textValue(v));
      else if (isObject(v)) {
        chain.push(v);
        next.push(...list(v.isPartOf));
      }
    }
    level = next;
  }
  const periodical = chain.find((n) => types(n).some((t) => /Periodical|Series|Journal|Event|Book$/.test(t)) && text(n.name));
  if (periodical) return text(periodical.name);
  const named = chain.find((n) => text(n.name));
  if (named) return text(named.name);
  names = names.filter((n) => n && !/^https?:/i.test(n));
  return names[0];
}

function pdfOf(item: Json, base: string): string | undefined {
  for (const key of ['encoding', 'associatedMedia']) {
    for (const m of list(item[key])) {
      if (!isObject(m)) continue;
      const href = text(m.contentUrl) ?? text(m.url);
      if (!href) continue;
      const format = (text(m.encodingFormat) ?? text(m.fileFormat) ?? '').toLowerCase();
      if (format.includes('pdf') || /\.pdf(?:$|[?#])/i.test(href)) {
        const abs = absoluteUrl(href, base);
        if (abs) return abs;
      }
    }
  }
  return undefined;
}

/** The paper one JSON-LD item describes, or undefined when it is not one. */
function itemPaper(item: Json, base: string, index: NodeIndex): DetectedPaper | undefined {
  const t = types(item);
  const ids = itemIds(item);
  const strong = t.some((x) => PAPER_TYPES.has(x));
  if (!strong && !(ids.doi || ids.arxiv || ids.pmid || ids.pmcid)) return undefined;
  // `headline` is often cut to 110 characters: `name` first.
  const title = text(item.name) ?? text(item.headline) ?? text(item.alternativeHeadline);
  if (!title) return undefined;
  const authors: string[] = [];
  for (const a of list(item.author ?? item.creator)) {
    const name = authorName(a, index);
    if (name && !authors.includes(name)) authors.push(name);
  }
  const paper: DetectedPaper = { title, authors, ids };
  const dateValue = text(item.datePublished) ?? text(item.dateCreated) ?? text(item.copyrightYear);
  const year = plausibleYear(yearFrom(dateValue));
  if (year) paper.year = year;
  const abstract = cleanAbstract(text(item.abstract)) ?? cleanAbstract(text(item.description));
  if (abstract) paper.abstract = abstract;
  const venue = venueOf(item, index);
  if (venue && normalizeTitle(venue) !== normalizeTitle(title)) paper.venue = venue;
  const pdf = pdfOf(item, base);
  if (pdf) paper.pdfUrl = pdf;
  return paper;
}

/** Largest script read; JSON-LD is kilobytes, not megabytes. */
const MAX_SCRIPT = 5_000_000;

/** Script body without the comment / CDATA guards some templates wrap it in. */
function unwrap(src: string): string {
  return src
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|\/\*\s*<!\[CDATA\[\s*\*\/)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\/\*\s*\]\]>\s*\*\/)$/, '')
    .trim();
}

function sameKey(p: DetectedPaper): string {
  return p.ids.doi ?? p.ids.arxiv ?? p.ids.pmid ?? `title:${normalizeTitle(p.title)}`;
}

/** Every paper the page's JSON-LD describes, in document order, without duplicates. */
export function jsonLdPapers(doc: Document, url: URL): DetectedPaper[] {
  const papers: DetectedPaper[] = [];
  const seen = new Set<string>();
  for (const script of doc.getElementsByTagName('script')) {
    const type = (script.getAttribute('type') ?? '').trim().toLowerCase();
    if (!type.startsWith('application/ld+json')) continue;
    const src = script.textContent ?? '';
    if (!src.trim() || src.length > MAX_SCRIPT) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(unwrap(src));
    } catch {
      continue; // not JSON: ignored
    }
    const index = indexNodes(parsed);
    const items = collectItems(parsed, index);
    for (const item of items) {
      try {
        const paper = itemPaper(item, url.href, index);
        if (!paper) continue;
        const key = sameKey(paper);
        if (seen.has(key)) continue;
        seen.add(key);
        papers.push(paper);
      } catch {
        // one odd item must not lose the others
      }
    }
  }
  return papers;
}

const ENTRY = 'li, article, tr, dd';

/** Where a paper is shown: its entry, and the heading or link showing its title (absent when not shown). */
export interface Located {
  entry: Element;
  title?: Element;
}

/**
 * Where several papers are shown: the entry (li / article / tr / dd) around the heading or link
 * that shows each title, with that heading or link; the page's main heading (and no title element)
 * when the title is not shown.
 *
 * With `known` (a re-detection), headings and links inside known entries are passed over without
 * reading their text. A paper left unmatched then most likely shows in one of those entries, so it
 * gets nothing (undefined) instead of the main heading: it was reported on an earlier pass.
 * (The cost: a paper added to the JSON-LD later that the page does not show is not reported.)
 */
export function locatePapers(doc: Document, papers: DetectedPaper[], known?: DetectOptions['known']): (Located | undefined)[] {
  const wanted = new Map<string, Located | undefined>();
  for (const p of papers) wanted.set(normalizeTitle(p.title), undefined);
  let left = wanted.size;
  let passedOver = false;
  for (const el of doc.querySelectorAll('h1, h2, h3, h4, h5, h6, a, [itemprop="name"], [itemprop="headline"]')) {
    if (left === 0) break;
    let entry: Element | undefined;
    if (known) {
      entry = el.closest(ENTRY) ?? el;
      if (known(entry)) {
        passedOver = true;
        continue;
      }
    }
    const raw = el.textContent ?? '';
    if (raw.length > 2_000) continue;
    const key = normalizeTitle(cleanText(raw));
    if (!key || !wanted.has(key) || wanted.get(key) || isChrome(el)) continue;
    wanted.set(key, { entry: entry ?? el.closest(ENTRY) ?? el, title: el });
    left--;
  }
  const fallback: Located | undefined = passedOver ? undefined : { entry: mainHeading(doc) };
  return papers.map((p) => wanted.get(normalizeTitle(p.title)) ?? fallback);
}

/** Row elements for several papers: each title's entry (see locatePapers). */
export function locateTitles(doc: Document, papers: DetectedPaper[], known?: DetectOptions['known']): (Element | undefined)[] {
  return locatePapers(doc, papers, known).map((l) => l?.entry);
}

/** Rows for several papers, each on its entry with its title element (see locatePapers). */
export function locatedRows(papers: DetectedPaper[], located: (Located | undefined)[]): DetectedRow[] {
  const rows: DetectedRow[] = [];
  papers.forEach((paper, i) => {
    const at = located[i];
    if (!at) return; // shown in an entry known from an earlier pass
    const row: DetectedRow = { paper, element: at.entry };
    if (at.title) row.title = at.title;
    rows.push(row);
  });
  return rows;
}

/** JSON-LD detector on its own: one paper → the heading showing it; several → each title's entry. */
export function detectJsonLd(doc: Document, url: URL): DetectedRow[] {
  const papers = jsonLdPapers(doc, url);
  if (papers.length === 0) return [];
  if (papers.length === 1) return [pageRow(doc, papers[0]!)];
  return locatedRows(papers, locatePapers(doc, papers));
}
