// Generic detector: Highwire / Google Scholar `citation_*` meta tags, with Dublin Core (`DC.*`,
// `dcterms.*`) and PRISM (`prism.*`) as fallbacks (site-guide §15). A page with such tags
// describes ONE paper; reference lists, "related" asides and cite dialogs on it are not entries.
//
// This file also holds the page helpers the other generic detectors share (names, entities,
// page chrome, main heading, abstract on the page), so they do not import each other in a cycle.
//
// Page text is data: only getAttribute / textContent are read; nothing is parsed as HTML.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { normalizeArxivId, normalizeDoi, normalizeTitle } from '../ids';
import { absoluteUrl, cleanText, readText, yearFrom } from '../text';

// ---------------------------------------------------------------------------------------------
// Shared helpers (used by generic-coins, generic-jsonld, generic-links and generic).

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;

/**
 * Entities left in a value the browser already decoded once (double-escaped meta content,
 * JSON-LD written through an HTML escaper). One pass only; the result is text, never markup.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? m;
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return m;
    return String.fromCodePoint(cp);
  });
}

/** Decoded, whitespace-collapsed text of a structured value. */
export function textValue(s: string | null | undefined): string {
  return cleanText(decodeEntities(s ?? ''));
}

/** What can follow a "First Last" name after a comma: generational suffixes and degrees. */
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|md|ph\.?\s?d|dphil|msc|mph|mba|frcp|facs|rn)\.?$/i;

/** One person's name as "First Last": "Last, First" is turned around, "First Last" kept. */
export function personName(raw: string | null | undefined): string {
  const s = textValue(raw);
  if (!s.includes(',')) return s;
  const parts = s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    // "John Smith, Jr." keeps its order; "Smith, John" turns around.
    return NAME_SUFFIX.test(parts[1]!) ? `${parts[0]} ${parts[1]}` : `${parts[1]} ${parts[0]}`;
  }
  if (parts.length === 3 && NAME_SUFFIX.test(parts[2]!)) return `${parts[1]} ${parts[0]} ${parts[2]}`;
  return s;
}

/**
 * A whole author list in one string ("A; B; C", "John Smith, Jane Doe and Kim Lee",
 * "Smith, J., Doe, K."), each name as "First Last".
 */
export function splitAuthorList(raw: string | null | undefined): string[] {
  const s = textValue(raw);
  if (!s) return [];
  if (s.includes(';')) return s.split(';').map(personName).filter(Boolean);
  const pieces = s
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length <= 1) return pieces.map(personName).filter(Boolean);
  // "John Smith, Jane Doe and Kim Lee": every piece is a whole name.
  if (pieces.every((p) => p.includes(' '))) return pieces;
  // "Smith, John, Doe, Jane" / "Smith, J., Doe, K.": "Last, First" pairs in a row.
  if (pieces.length % 2 === 0) {
    const out: string[] = [];
    for (let i = 0; i < pieces.length; i += 2) out.push(`${pieces[i + 1]} ${pieces[i]}`);
    return out;
  }
  return [personName(s)];
}

/** Same person written two ways ("Kirkpatrick, James" / "James Kirkpatrick" / "J. Kirkpatrick"). */
export function samePerson(a: string, b: string): boolean {
  const wa = normalizeTitle(a).split(' ').filter(Boolean);
  const wb = normalizeTitle(b).split(' ').filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return false;
  if (wa.join(' ') === wb.join(' ')) return true;
  return wa[wa.length - 1] === wb[wb.length - 1] && wa[0]![0] === wb[0]![0];
}

/** A publication year we believe: four digits, not in the future. */
export function plausibleYear(y: number | undefined): number | undefined {
  if (y === undefined || !Number.isInteger(y)) return undefined;
  return y >= 1800 && y <= new Date().getFullYear() + 1 ? y : undefined;
}

/** DOI from a structured value: `10.…`, `doi:…`, `info:doi/…`, `urn:doi:…` or a doi.org URL. */
export function doiFrom(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(/^(?:info:doi\/|urn:doi:)/i, '');
  if (/^https?:\/\//i.test(s) && !/^https?:\/\/(?:dx\.|www\.)?doi\.org\//i.test(s)) return undefined;
  return normalizeDoi(s);
}

/** Identifier kinds read from one `scheme:value` / URL string (DOI, arXiv, PubMed, PMC). */
export function idsFromString(raw: string | null | undefined, into: PaperIds): void {
  if (!raw) return;
  const s = raw.trim();
  if (!s) return;
  let m: RegExpExecArray | null;
  if ((m = /^(?:info:pmid\/|pmid:\s*)(\d{1,9})$/i.exec(s)) || (m = /^https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/(\d{1,9})\/?(?:[?#].*)?$/i.exec(s))) {
    into.pmid ??= m[1];
    return;
  }
  if ((m = /^(?:info:pmc\/|pmcid:\s*)(?:pmc)?(\d{1,9})$/i.exec(s)) || (m = /^https?:\/\/(?:www\.)?(?:ncbi\.nlm\.nih\.gov\/pmc|pmc\.ncbi\.nlm\.nih\.gov)\/articles\/PMC(\d{1,9})\/?(?:[?#].*)?$/i.exec(s))) {
    into.pmcid ??= `PMC${m[1]}`;
    return;
  }
  if (/^(?:info:arxiv\/|arxiv:)/i.test(s) || /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\//i.test(s)) {
    const id = normalizeArxivId(s.replace(/^info:arxiv\//i, '').replace(/^https?:\/\/[^/]+\/(?:abs|pdf)\//i, ''));
    if (id) into.arxiv ??= id;
    return;
  }
  const doi = doiFrom(s);
  if (doi) into.doi ??= doi;
}

const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'dialog', 'pre', 'code', 'textarea', 'template', 'noscript', 'script', 'style', 'select', 'button']);
const CHROME_ROLES = /^(?:navigation|banner|contentinfo|complementary|dialog|alertdialog|search|menu|menubar|tooltip)$/i;
/** Class / id words of asides, dialogs and hidden duplicates ("related-articles", "citeModal", "bibtex"). */
const CHROME_WORDS =
  /(?:^|[\s_-])(?:related|similar|recommend(?:ed|ations?)?|sidebar|side-bar|modal|popup|popover|dialog|bibtex|cite-?(?:as|this|box|dialog|modal|popup)|citation-?(?:export|tools|dialog|modal|popup)|export-?citations?|also-?read|most-?read|most-?viewed|trending|popular|breadcrumbs?|cookie|navbar|menu|share|social)(?:$|[\s_-])/i;

/** "citeModal" → "cite-Modal", so camel-case class and id words are words too. */
function splitCamel(s: string): string {
  return s.replace(/([a-z])([A-Z])/g, '$1-$2');
}

/**
 * True when `el` sits in page chrome or a hidden duplicate: navigation, the site header and footer,
 * asides ("related", "similar", "recommended"), dialogs and cite modals, BibTeX `<pre>` blocks,
 * forms, `hidden` / `aria-hidden` subtrees. Walks the ancestors once (O(depth)).
 */
export function isChrome(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const tag = e.localName;
    if (tag === 'body' || tag === 'html') return false;
    if (CHROME_TAGS.has(tag)) return true;
    if (tag === 'header' && !e.parentElement?.closest('article, main, [role="main"]')) return true;
    if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true' || e.getAttribute('aria-modal') === 'true') return true;
    const role = e.getAttribute('role');
    if (role && CHROME_ROLES.test(role)) return true;
    if (tag === 'main' || tag === 'article') continue; // layout classes of the content column say nothing
    const cls = e.getAttribute('class');
    if (cls && CHROME_WORDS.test(splitCamel(cls))) return true;
    const id = e.getAttribute('id');
    if (id && CHROME_WORDS.test(splitCamel(id))) return true;
  }
  return false;
}

/** The h1 showing `title` (the same text, normalised), if any: where a single paper's title is shown. */
export function titleHeading(doc: Document, title: string): Element | undefined {
  const want = normalizeTitle(title);
  if (!want) return undefined;
  for (const h of doc.getElementsByTagName('h1')) if (normalizeTitle(cleanText(h.textContent)) === want) return h;
  return undefined;
}

/** The page's main heading: the h1 showing `title`, else the content's h1, else any h1, else body. */
export function mainHeading(doc: Document, title?: string): Element {
  const same = title ? titleHeading(doc, title) : undefined;
  if (same) return same;
  const h1s = Array.from(doc.getElementsByTagName('h1'));
  const content = h1s.filter((h) => !isChrome(h));
  return content.find((h) => h.closest('main, article, [role="main"]')) ?? content[0] ?? doc.body ?? doc.documentElement;
}

const HEADING = /^h[1-6]$/;
const ABSTRACT_LABEL = /^(?:abstract|summary)\s*[:.\-–—]?\s*/i;
const TRUNCATED = /(?:…|\.\.\.)\s*(?:\(?(?:more|read more|show more|see more)\)?)?\s*$|\b(?:read|show|see) more\s*$/i;

/**
 * An abstract as structured sources give it: entities decoded, paragraph tags that were escaped
 * into the text (`<p>`, `<jats:p>`, `<br>`) removed, a leading "Abstract" label dropped.
 * Undefined when it is empty, tiny or visibly cut ("…", "read more").
 */
export function cleanAbstract(raw: string | null | undefined): string | undefined {
  let s = decodeEntities(raw ?? '');
  // JATS from Crossref-fed templates: the "Abstract" title goes, every other jats: tag is markup.
  s = s.replace(/<jats:title(?:\s[^<>]*)?>[^<]*<\/jats:title>/gi, ' ').replace(/<\/?jats:[\w-]+(?:\s[^<>]*)?\/?>/gi, (t) => (/^<\/?jats:(?:p|sec)\b/i.test(t) ? ' ' : ''));
  s = s.replace(/<\/?(?:p|div|br|section)(?:\s[^<>]*)?\/?>/gi, ' ');
  s = cleanText(s).replace(ABSTRACT_LABEL, '');
  if (s.length < 40 || TRUNCATED.test(s)) return undefined;
  return s;
}

const ABSTRACT_SELECTORS = [
  '[role="doc-abstract"]',
  '[itemprop="abstract"]',
  'section#abstract',
  '#abstract',
  '#Abstract',
  'section.abstract',
  'div.abstract',
  'blockquote.abstract',
  '.abstract',
  '.Abstract',
  '.article-abstract',
  '.article__abstract',
  '.abstractSection',
  '.abstract-content',
];

function skipInAbstract(el: Element): boolean {
  const tag = el.localName;
  return HEADING.test(tag) || tag === 'button' || tag === 'nav' || tag === 'aside' || tag === 'figure' || el.hasAttribute('hidden');
}

/** Text after an "Abstract" heading: its following siblings up to the next heading. */
function textAfterHeading(h: Element): string {
  let out = '';
  for (let e = h.nextElementSibling; e; e = e.nextElementSibling) {
    if (HEADING.test(e.localName)) break;
    out += ' ' + readText(e, skipInAbstract);
  }
  return out;
}

/** The full abstract shown on a single-paper page, from the usual containers; never page chrome. */
export function domAbstract(doc: Document): string | undefined {
  for (const sel of ABSTRACT_SELECTORS) {
    for (const el of doc.querySelectorAll(sel)) {
      if (isChrome(el)) continue;
      const raw = HEADING.test(el.localName) ? textAfterHeading(el) : readText(el, skipInAbstract);
      const text = cleanAbstract(raw);
      if (text) return text;
    }
  }
  for (const h of doc.querySelectorAll('h2, h3, h4')) {
    if (!/^abstract\s*[:.]?$/i.test(cleanText(h.textContent)) || isChrome(h)) continue;
    const text = cleanAbstract(textAfterHeading(h));
    if (text) return text;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Meta tags.

/** Meta tags by lowercased name, in page order; `bepress_citation_*` read as `citation_*`, `dcterms.*` as `dc.*`. */
type MetaBag = Map<string, string[]>;

function readMetaBag(doc: Document): MetaBag {
  const bag: MetaBag = new Map();
  for (const m of doc.getElementsByTagName('meta')) {
    let name = (m.getAttribute('name') ?? m.getAttribute('property') ?? '').trim().toLowerCase();
    if (!name) continue;
    if (name.startsWith('bepress_citation_')) name = name.slice('bepress_'.length);
    else if (name.startsWith('dcterms.')) name = 'dc.' + name.slice('dcterms.'.length);
    else if (name.startsWith('dcterms:') || name.startsWith('dc:')) name = 'dc.' + name.slice(name.indexOf(':') + 1);
    if (!name.startsWith('citation_') && !name.startsWith('dc.') && !name.startsWith('prism.')) continue;
    const content = m.getAttribute('content');
    if (content === null || !content.trim()) continue;
    const list = bag.get(name);
    if (list) list.push(content);
    else bag.set(name, [content]);
  }
  return bag;
}

function first(bag: MetaBag, ...names: string[]): string | undefined {
  for (const n of names) {
    for (const v of bag.get(n) ?? []) {
      const t = textValue(v);
      if (t) return t;
    }
  }
  return undefined;
}

function all(bag: MetaBag, name: string): string[] {
  return bag.get(name) ?? [];
}

function metaAuthors(bag: MetaBag): string[] {
  const repeated = all(bag, 'citation_author');
  if (repeated.length > 0) {
    // One tag per author; a site that packs the list into one tag separates it with ";".
    return repeated.flatMap((a) => (a.includes(';') ? a.split(';') : [a])).map(personName).filter(Boolean);
  }
  const packed = all(bag, 'citation_authors');
  if (packed.length > 0) return packed.flatMap(splitAuthorList);
  const creators = all(bag, 'dc.creator');
  if (creators.length > 0) {
    return creators.flatMap((a) => (a.includes(';') ? a.split(';') : [a])).map(personName).filter(Boolean);
  }
  return [];
}

function metaIds(bag: MetaBag): PaperIds {
  const ids: PaperIds = {};
  for (const raw of [...all(bag, 'citation_doi'), ...all(bag, 'prism.doi'), ...all(bag, 'dc.identifier.doi')]) {
    // citation_doi may hold several DOIs separated by spaces; the first real one names the paper.
    for (const part of raw.trim().split(/\s+/)) {
      const doi = doiFrom(part);
      if (doi) {
        ids.doi ??= doi;
        break;
      }
    }
    if (ids.doi) break;
  }
  const arxiv = normalizeArxivId(first(bag, 'citation_arxiv_id'));
  if (arxiv) ids.arxiv = arxiv;
  const pmid = first(bag, 'citation_pmid');
  if (pmid && /^\d{1,9}$/.test(pmid)) ids.pmid = pmid;
  const pmcid = /^(?:pmc)?(\d{1,9})$/i.exec(first(bag, 'citation_pmcid') ?? '');
  if (pmcid) ids.pmcid = `PMC${pmcid[1]}`;
  // dc.identifier / prism.url: only values that say what they are (doi:…, info:pmid/…, URLs).
  for (const raw of [...all(bag, 'dc.identifier'), ...all(bag, 'prism.url')]) {
    const s = raw.trim();
    if (/^(?:doi:|info:doi\/|urn:doi:|10\.\d{4,9}\/|https?:\/\/(?:dx\.|www\.)?doi\.org\/|info:pmid\/|pmid:|info:arxiv\/|arxiv:)/i.test(s)) {
      idsFromString(s, ids);
    }
  }
  return ids;
}

const DATE_KEYS = [
  'citation_publication_date',
  'citation_date',
  'citation_online_date',
  'citation_year',
  'citation_cover_date',
  'dc.date.issued',
  'dc.issued',
  'dc.date',
  'prism.publicationdate',
  'prism.coverdate',
];

const VENUE_KEYS = [
  'citation_journal_title',
  'citation_conference_title',
  'citation_inbook_title',
  'citation_book_title',
  'citation_journal_abbrev',
  'prism.publicationname',
  'dc.source',
  'dc.relation.ispartof',
];

/**
 * The one paper the page's meta tags describe, fields from the tags alone (no page text), or
 * undefined. `citation_title` is enough to take the page for a paper; a Dublin Core / PRISM-only
 * page (used by many non-scholarly CMSs) also needs a paper identifier.
 */
export function metaPaper(doc: Document, url: URL): DetectedPaper | undefined {
  const bag = readMetaBag(doc);
  if (bag.size === 0) return undefined;
  const titles = new Set(all(bag, 'citation_title').map((t) => normalizeTitle(textValue(t))).filter(Boolean));
  // Several different citation_title tags: a page that lists papers in its head, not one paper.
  if (titles.size > 2) return undefined;
  let title = first(bag, 'citation_title');
  const ids = metaIds(bag);
  if (!title) {
    if (!ids.doi && !ids.arxiv && !ids.pmid && !ids.pmcid) return undefined;
    title = first(bag, 'dc.title');
  }
  if (!title) return undefined;

  const paper: DetectedPaper = { title, authors: metaAuthors(bag), ids };
  const year = plausibleYear(DATE_KEYS.map((k) => yearFrom(first(bag, k))).find((y) => y !== undefined));
  if (year) paper.year = year;
  const venue = first(bag, ...VENUE_KEYS);
  if (venue && normalizeTitle(venue) !== normalizeTitle(title)) paper.venue = venue;
  const pdf = absoluteUrl(first(bag, 'citation_pdf_url')?.trim(), url.href);
  if (pdf) paper.pdfUrl = pdf;
  for (const key of ['citation_abstract', 'dc.description', 'dc.abstract']) {
    const abstract = all(bag, key).map(cleanAbstract).find(Boolean);
    if (abstract) {
      paper.abstract = abstract;
      break;
    }
  }
  return paper;
}

/**
 * One paper for a whole page: on the heading that shows its title, else the main heading. Only a
 * heading showing the title is the row's `title`: the tags say nothing of where the page shows it.
 */
export function pageRow(doc: Document, paper: DetectedPaper): DetectedRow {
  const heading = titleHeading(doc, paper.title);
  return heading ? { paper, element: heading, title: heading } : { paper, element: mainHeading(doc) };
}

/** Meta-tag detector on its own: one row on the main heading; the abstract may come from the page. */
export function detectMeta(doc: Document, url: URL): DetectedRow[] {
  const paper = metaPaper(doc, url);
  if (!paper) return [];
  if (!paper.abstract) {
    const abstract = domAbstract(doc);
    if (abstract) paper.abstract = abstract;
  }
  return [pageRow(doc, paper)];
}
