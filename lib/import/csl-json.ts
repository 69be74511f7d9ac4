// Reading CSL-JSON, the format Zotero, Paperpile, Mendeley and Pandoc exchange: a list of items.
// One bad item is reported and skipped; the rest are read.
import { parseJsonText } from '../backup/parse-backup';
import { canonicalIds, normalizeArxivId, normalizeDoi } from '../ids';
import type { PaperIds } from '../paper';
import { cleanText, yearFrom } from '../text';
import { arxivFromText, idsFromUrl, isPreprintVenue, isWebUrl, keywordTags, pdfFromUrl, type ImportEntry, type ImportProblem, type ParsedImport } from './import';

class ItemError extends Error {}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * CSL's rich-text markup (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`, small caps) is
 * formatting, not text: it goes. Any other markup, `<script>` included, is kept as the text it is.
 */
const CSL_MARKUP = /<\/?(?:i|b|sup|sub|sc)>|<span (?:class="nocase"|style="font-variant:\s*small-caps;?")>|<\/span>/gi;

function richText(s: string): string {
  return cleanText(s.replace(CSL_MARKUP, ''));
}

/** A text variable: a string (a number is accepted, as CSL processors do); anything else is an error. */
function textVar(item: Record<string, unknown>, name: string): string | undefined {
  const v = item[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new ItemError(`${name}: expected text`);
}

/** The first of several spellings of a variable that is there ("DOI", "doi"). */
function firstVar(item: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = textVar(item, name);
    if (v !== undefined && v.trim()) return v.trim();
  }
  return undefined;
}

/** "Ludwig van Beethoven", from given, particles, family and suffix; or the literal name. */
function names(item: Record<string, unknown>, variable: string): string[] {
  const list = item[variable];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ItemError(`${variable}: expected a list of names`);
  return list
    .map((n, i) => {
      if (!isObject(n)) throw new ItemError(`${variable}[${i}]: expected a name`);
      const part = (key: string) => (typeof n[key] === 'string' ? richText(n[key] as string) : '');
      const literal = part('literal');
      if (literal) return literal;
      return cleanText([part('given'), part('dropping-particle'), part('non-dropping-particle'), part('family'), part('suffix')].filter(Boolean).join(' '));
    })
    .filter(Boolean);
}

/** The year of a CSL date: `{"date-parts": [[2017, 12]]}`, `{"raw": "2017-12-04"}`, or a plain string. */
function issuedYear(issued: unknown): number | undefined {
  if (issued === undefined || issued === null) return undefined;
  if (typeof issued === 'string' || typeof issued === 'number') return yearFrom(String(issued));
  if (!isObject(issued)) throw new ItemError('issued: expected a date');
  const parts = issued['date-parts'];
  if (Array.isArray(parts) && Array.isArray(parts[0])) {
    const y = Number(parts[0][0]);
    if (Number.isInteger(y) && y >= 1500 && y <= 3000) return y;
  }
  for (const key of ['raw', 'literal']) if (typeof issued[key] === 'string') return yearFrom(issued[key] as string);
  return undefined;
}

function toEntry(item: Record<string, unknown>): ImportEntry {
  const title = richText(textVar(item, 'title') ?? '');
  if (!title) throw new ItemError('missing title');
  let authors = names(item, 'author');
  if (authors.length === 0) authors = names(item, 'editor');

  const ids: PaperIds = {};
  const doi = normalizeDoi(firstVar(item, 'DOI', 'doi'));
  if (doi) ids.doi = doi;
  const url = firstVar(item, 'URL', 'url');
  const webUrl = isWebUrl(url) ? url : undefined;
  idsFromUrl(webUrl, ids);
  // Zotero files an arXiv preprint's id as its number ("arXiv:1706.03762") and in its note.
  ids.arxiv ??= arxivFromText(firstVar(item, 'number')) ?? arxivFromText(firstVar(item, 'archive_location', 'archive-location')) ?? arxivFromText(firstVar(item, 'note'));
  const archive = firstVar(item, 'archive');
  if (!ids.arxiv && archive && /^arxiv$/i.test(archive)) ids.arxiv = normalizeArxivId(firstVar(item, 'archive_location', 'archive-location', 'number'));
  if (!ids.arxiv) delete ids.arxiv;
  const pmid = firstVar(item, 'PMID', 'pmid');
  if (pmid) ids.pmid = pmid;
  const pmcid = firstVar(item, 'PMCID', 'pmcid');
  if (pmcid) ids.pmcid = pmcid;

  const entry: ImportEntry = { title, authors, ids: canonicalIds(ids) };
  const year = issuedYear(item.issued);
  if (year) entry.year = year;
  const container = Array.isArray(item['container-title']) ? item['container-title'][0] : item['container-title'];
  if (container !== undefined && typeof container !== 'string') throw new ItemError('container-title: expected text');
  const venue = richText(container ?? firstVar(item, 'event-title', 'event') ?? '');
  if (venue && !isPreprintVenue(venue)) entry.venue = venue;
  const abstract = richText(textVar(item, 'abstract') ?? '');
  if (abstract) entry.abstract = abstract;
  const pdf = pdfFromUrl(webUrl);
  if (pdf) entry.pdfUrl = pdf;
  if (webUrl) entry.url = webUrl;
  const keyword = item.keyword;
  const keywords = Array.isArray(keyword) ? keyword.filter((k): k is string => typeof k === 'string') : typeof keyword === 'string' ? [keyword] : [];
  const tags = keywordTags(keywords);
  if (tags.length) entry.tags = tags;
  return entry;
}

/** Read a CSL-JSON file. Items that cannot be read are reported in `problems`. */
export function parseCslJson(text: string): ParsedImport {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const root = json.value;
  if (isObject(root) && root.format === 'sift-backup') return { ok: false, error: 'this is a Sift backup, not CSL-JSON (use Restore)' };
  const items = Array.isArray(root) ? root : isObject(root) && Array.isArray(root.items) ? root.items : isObject(root) && typeof root.title === 'string' ? [root] : undefined;
  if (!items) return { ok: false, error: 'not CSL-JSON: expected a list of items' };
  const entries: ImportEntry[] = [];
  const problems: ImportProblem[] = [];
  items.forEach((item, i) => {
    const where = `item ${i + 1}`;
    const key = isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? String(item.id).slice(0, 200) : undefined;
    try {
      if (!isObject(item)) throw new ItemError('expected an object');
      entries.push({ ...toEntry(item), where });
    } catch (err) {
      if (!(err instanceof ItemError)) throw err;
      problems.push({ entry: i + 1, key, error: `${where}: ${err.message}` });
    }
  });
  return { ok: true, entries, problems };
}
