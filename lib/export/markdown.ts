// Markdown export: a reading checklist, one task-list line per paper.
import type { PaperRecord } from '../paper';
import { bestLink, knownYear, oneLine } from './paper-fields';

/**
 * Characters that would end the link text, start emphasis or code, or open raw HTML. A backslash
 * is escaped first, so that a title ending in `\` cannot escape the link's closing bracket.
 */
const MARKDOWN_SPECIAL = /[\\[\]*_`<>~]|&(?=#?\w+;)/g;

export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(MARKDOWN_SPECIAL, '\\$&');
}

/** A link destination cannot hold spaces, parentheses or angle brackets unencoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const MAX_AUTHORS = 3;

function authorList(paper: PaperRecord): string {
  const names = paper.authors.map((a) => oneLine(a)).filter(Boolean);
  if (names.length === 0) return '';
  const shown = names.slice(0, MAX_AUTHORS).map(escapeMarkdown).join(', ');
  return names.length > MAX_AUTHORS || paper.authorsTruncated ? `${shown} et al.` : shown;
}

/** "(Venue Year)", "(Venue)", "(Year)" or nothing; the year only once when the venue already says it. */
function venueYear(paper: PaperRecord): string {
  const venue = oneLine(paper.venue);
  const year = knownYear(paper);
  const parts: string[] = [];
  if (venue) parts.push(escapeMarkdown(venue));
  if (year !== undefined && !venue.includes(String(year))) parts.push(String(year));
  return parts.length > 0 ? `(${parts.join(' ')})` : '';
}

/** `#tag` with spaces turned into hyphens, so that the whole tag stays one hashtag. */
function hashtag(tag: string): string {
  const word = oneLine(tag).replace(/ /g, '-');
  return word ? `#${escapeMarkdown(word)}` : '';
}

function line(paper: PaperRecord): string {
  const box = paper.status === 'read' ? '[x]' : '[ ]';
  const title = escapeMarkdown(paper.title) || 'Untitled';
  const url = bestLink(paper);
  let text = `- ${box} ${url ? `[${title}](${linkTarget(url)})` : title}`;
  const details = [authorList(paper), venueYear(paper)].filter(Boolean).join(' ');
  if (details) text += ` — ${details}`;
  const tags = paper.tags.map(hashtag).filter(Boolean);
  if (tags.length > 0) text += ` ${tags.join(' ')}`;
  return text;
}

/** `- [ ] [Title](best link) — Authors (Venue Year) #tags`, one line per paper in the order given. */
export function toMarkdown(papers: readonly PaperRecord[]): string {
  return papers.map((paper) => line(paper) + '\n').join('');
}
