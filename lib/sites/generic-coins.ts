// Generic detector: COinS, ContextObjects in Spans (site-guide §16). Each `span.Z3988[title]`
// carries one reference as OpenURL 1.0 KEV (`&`-separated, form-urlencoded) in its title
// attribute. Spans are a list: one entry per span, anchored on the span's entry element.
//
// Page text is data: the attribute is split and percent-decoded as a string; nothing is parsed as HTML.
import type { DetectedPaper, DetectedRow, PaperIds } from '../paper';
import { normalizeTitle } from '../ids';
import { yearFrom } from '../text';
import { idsFromString, isChrome, personName, plausibleYear, samePerson, textValue } from './generic-meta';
import type { DetectOptions } from './types';

/** Longest title attribute read; a real ContextObject is a few kilobytes at most. */
const MAX_KEV = 50_000;

/** Decode one form-urlencoded KEV component; malformed escapes are kept as they are. */
function decodeKev(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // Decode the well-formed escapes one by one and keep the broken ones.
    return plus.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** KEV pairs of a ContextObject, keys lowercased, values decoded, in order. */
export function parseKev(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let part of raw.slice(0, MAX_KEV).split('&')) {
    // A doubly escaped attribute (`&amp;amp;`) leaves "amp;" in front of each key.
    while (part.startsWith('amp;')) part = part.slice(4);
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = decodeKev(part.slice(0, eq)).trim().toLowerCase();
    const value = textValue(decodeKev(part.slice(eq + 1)));
    if (!key || !value) continue;
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

function one(kev: Map<string, string[]>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = kev.get(k)?.[0];
    if (v) return v;
  }
  return undefined;
}

function coinsAuthors(kev: Map<string, string[]>): string[] {
  const names: string[] = [];
  const last = one(kev, 'rft.aulast');
  const given = one(kev, 'rft.aufirst') ?? one(kev, 'rft.auinit') ?? one(kev, 'rft.auinit1');
  const firstAuthor = last ? (given ? `${given} ${last}` : last) : undefined;
  if (firstAuthor) names.push(firstAuthor);
  for (const raw of [...(kev.get('rft.au') ?? []), ...(kev.get('rft.creator') ?? [])]) {
    const name = personName(raw);
    if (!name) continue;
    // Generators that list every author in rft.au repeat the first author given by aulast/aufirst.
    if (firstAuthor && names.length === 1 && samePerson(name, firstAuthor)) continue;
    if (names.includes(name)) continue;
    names.push(name);
  }
  for (const corp of kev.get('rft.aucorp') ?? []) if (!names.includes(corp)) names.push(corp);
  return names;
}

function coinsIds(kev: Map<string, string[]>): PaperIds {
  const ids: PaperIds = {};
  for (const raw of kev.get('rft_id') ?? []) idsFromString(raw, ids);
  // Non-standard keys some generators write.
  for (const key of ['rft.doi', 'rft.pmid', 'rft.arxiv']) {
    const v = one(kev, key);
    if (!v) continue;
    const scheme = key.slice(4);
    idsFromString(scheme === 'doi' ? v : `${scheme === 'pmid' ? 'info:pmid/' : 'info:arxiv/'}${v}`, ids);
  }
  return ids;
}

const BOOK_GENRES = /^(?:book|bookitem|proceeding|conference|report|document)$/;
const ARTICLE_GENRES = /^(?:article|preprint|proceeding|conference|unknown)$/;

/**
 * The paper one ContextObject describes, or undefined for what is not a paper: patents, journals
 * or issues as a whole, and web / untyped references that carry no paper identifier.
 */
export function coinsPaper(title: string): DetectedPaper | undefined {
  const kev = parseKev(title);
  if (kev.size === 0) return undefined;
  const fmt = (one(kev, 'rft_val_fmt') ?? '').toLowerCase();
  const format = /mtx:(\w+)/.exec(fmt)?.[1] ?? '';
  const genre = (one(kev, 'rft.genre') ?? '').toLowerCase();
  const ids = coinsIds(kev);
  const hasId = !!(ids.doi || ids.arxiv || ids.pmid || ids.pmcid);

  let paperTitle: string | undefined;
  let venue: string | undefined;
  let itemType: string | undefined;
  if (format === 'patent') return undefined;
  if (format === 'journal' || (!format && kev.has('rft.atitle'))) {
    paperTitle = one(kev, 'rft.atitle');
    venue = one(kev, 'rft.jtitle') ?? (paperTitle ? one(kev, 'rft.title') : undefined) ?? one(kev, 'rft.stitle');
    // OpenURL 0.1 habit: an article written with rft.title only and no journal.
    if (!paperTitle && !kev.has('rft.jtitle') && ARTICLE_GENRES.test(genre)) paperTitle = one(kev, 'rft.title');
    if (genre === 'journal' || genre === 'issue') return undefined;
  } else if (format === 'book') {
    if (genre === 'book' || (!kev.has('rft.atitle') && genre !== 'bookitem')) {
      paperTitle = one(kev, 'rft.btitle', 'rft.title');
      if (genre === 'book') itemType = 'book';
    } else {
      paperTitle = one(kev, 'rft.atitle');
      venue = one(kev, 'rft.btitle');
    }
    // Web pages and news items are written as books with genre "unknown" (Wikipedia cite web).
    if (!BOOK_GENRES.test(genre) && !hasId) return undefined;
  } else if (format === 'dissertation') {
    paperTitle = one(kev, 'rft.title', 'rft.btitle');
  } else {
    // Dublin Core or an unknown format: only a reference that names a paper identifier.
    if (!hasId) return undefined;
    paperTitle = one(kev, 'rft.title', 'rft.btitle', 'rft.atitle');
  }
  if (!paperTitle) return undefined;

  const paper: DetectedPaper = { title: paperTitle, authors: coinsAuthors(kev), ids };
  if (paper.authors.length === 0 && !hasId) return undefined; // a bare title names no paper
  if (venue && normalizeTitle(venue) !== normalizeTitle(paperTitle)) paper.venue = venue;
  const year = plausibleYear(yearFrom(one(kev, 'rft.date')));
  if (year) paper.year = year;
  if (itemType) paper.itemType = itemType;
  return paper;
}

const INLINE = new Set(['span', 'cite', 'a', 'i', 'b', 'em', 'strong', 'small', 'font', 'abbr', 'q', 'sup', 'sub', 'label']);

/** The entry element a span belongs to: its parent, past inline wrappers. */
function entryOf(span: Element): Element {
  let el = span.parentElement ?? span;
  while (INLINE.has(el.localName) && el.parentElement && el.parentElement.localName !== 'body') el = el.parentElement;
  return el;
}

/**
 * One row per COinS span, in page order; spans in page chrome and duplicate spans are skipped.
 * A span whose entry is `known` (read on an earlier pass) is not parsed again: its raw attribute
 * only joins the duplicate set, so a later copy of it stays a duplicate as on the first pass.
 */
export function detectCoins(doc: Document, known?: DetectOptions['known']): DetectedRow[] {
  const rows: DetectedRow[] = [];
  const seen = new Set<string>();
  for (const span of doc.querySelectorAll('.Z3988[title]')) {
    try {
      const title = span.getAttribute('title') ?? '';
      if (!title.trim() || seen.has(title)) continue;
      seen.add(title);
      const entry = entryOf(span);
      if (known?.(entry)) continue;
      if (isChrome(span)) continue;
      const paper = coinsPaper(title);
      // The span carries no visible text: the title is shown in the formatted reference around it,
      // the entry (finding the title within it would cost a text read per row).
      if (paper) rows.push({ paper, element: entry, title: entry });
    } catch {
      // A broken span must not lose the others.
    }
  }
  return rows;
}
