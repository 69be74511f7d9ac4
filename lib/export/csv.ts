// CSV export (RFC 4180): one row per paper for spreadsheets.
import type { PaperRecord } from '../paper';
import { bestLink, knownYear, oneLine } from './paper-fields';

const COLUMNS = [
  'title',
  'authors',
  'year',
  'venue',
  'status',
  'tags',
  'arxiv',
  'doi',
  'openreview',
  'url',
  'pdf',
  'added',
  'last_seen',
  'rating',
  'note',
  'abstract',
] as const;

/** RFC 4180's line break, between rows and after the last one. */
const EOL = '\r\n';

/**
 * A cell a spreadsheet would run as a formula (CSV injection) starts with one of these. The test
 * looks at the first character only, so `=1+1\nsecond line` is caught too.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: a formula neutralised by a leading `'`, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function isoTime(ms: number | undefined): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

function row(paper: PaperRecord): string {
  const authors = paper.authors.map((a) => oneLine(a)).filter(Boolean);
  if (paper.authorsTruncated) authors.push('et al.');
  const year = knownYear(paper);
  const cells: Record<(typeof COLUMNS)[number], string> = {
    title: oneLine(paper.title),
    // Names can hold commas ("LeCun, Yann"); semicolons keep them apart.
    authors: authors.join('; '),
    year: year === undefined ? '' : String(year),
    venue: oneLine(paper.venue),
    status: paper.status,
    tags: paper.tags.join('; '),
    arxiv: paper.ids.arxiv ?? '',
    doi: paper.ids.doi ?? '',
    openreview: paper.ids.openreview ?? '',
    url: bestLink(paper) ?? '',
    pdf: paper.pdfUrl ?? '',
    added: isoTime(paper.addedAt),
    last_seen: isoTime(paper.lastSeenAt),
    rating: paper.rating === undefined ? '' : String(paper.rating),
    // The user's own text keeps its line breaks (quoted, as RFC 4180 allows).
    note: paper.note ?? '',
    abstract: paper.abstract ?? '',
  };
  return COLUMNS.map((column) => csvCell(cells[column])).join(',');
}

/**
 * CSV text: a header row, then one row per paper in the order given. No byte-order mark: the text
 * also goes to the clipboard, where one would be pasted as a stray character.
 */
export function toCsv(papers: readonly PaperRecord[]): string {
  const rows = [COLUMNS.join(',')];
  for (const paper of papers) rows.push(row(paper));
  return rows.join(EOL) + EOL;
}
