// RIS export: the tagged format every reference manager (Zotero, EndNote, Mendeley) imports.
import type { PaperRecord } from '../paper';
import { authorNames, bestLink, knownYear, oneLine, paperVenue, type PaperKind, type PersonName } from './paper-fields';

/**
 * RIS has no preprint type. UNPB ("unpublished work") says what a preprint is to EndNote and
 * Mendeley, and Zotero's RIS importer, which does not know UNPB, falls back to a journal article —
 * keeping the DOI, URL, abstract and keywords. ELEC would become a Zotero web page, which drops
 * the DOI; GEN imports the same as UNPB but tells the other readers nothing.
 */
const RIS_TYPE: Record<PaperKind, string> = {
  conference: 'CONF',
  journal: 'JOUR',
  preprint: 'UNPB',
  other: 'GEN',
};

/** The spec's line ending; every line, including the last, ends with it. */
const EOL = '\r\n';

/** "Family, Given" (RIS spec's "Lastname, Firstname, Suffix"), split by the importer at the comma. */
function risName(name: PersonName): string {
  if ('literal' in name) return name.literal;
  return [name.family, name.given, name.suffix].filter(Boolean).join(', ');
}

function record(paper: PaperRecord): string {
  const lines: string[] = [];
  // Values are never wrapped, and newlines inside them become spaces: a record line is one tag.
  const add = (tag: string, value: string | undefined) => {
    const line = oneLine(value);
    if (line) lines.push(`${tag}  - ${line}`);
  };
  const { kind, venue, server } = paperVenue(paper);
  add('TY', RIS_TYPE[kind]);
  for (const name of authorNames(paper)) add('AU', risName(name));
  add('TI', paper.title);
  // Zotero reads T2 as the conference name or the journal; for a preprint, the server (as Zotero itself saves arXiv papers).
  add('T2', kind === 'preprint' ? server : venue);
  const year = knownYear(paper);
  add('PY', year === undefined ? undefined : String(year));
  add('DO', paper.ids.doi);
  add('UR', bestLink(paper));
  add('AB', paper.abstract);
  for (const tag of paper.tags) add('KW', tag);
  lines.push('ER  - ');
  return lines.join(EOL) + EOL;
}

/** RIS for the papers, in the order given: one record per paper, a blank line between records. */
export function toRis(papers: readonly PaperRecord[]): string {
  return papers.map(record).join(EOL);
}
