// CSL-JSON export: the citation data Zotero, Pandoc and citeproc read
// (schema: https://resource.citationstyles.org/schema/latest/input/json/csl-data.json).
import type { PaperRecord } from '../paper';
import { citeKeys } from './cite-keys';
import { authorNames, bestLink, knownYear, oneLine, paperVenue, type PaperKind, type PersonName } from './paper-fields';

/** The CSL item fields Sift fills; every one is in the schema. */
export interface CslItem {
  id: string;
  type: 'paper-conference' | 'article-journal' | 'article' | 'document';
  title?: string;
  author?: PersonName[];
  issued?: { 'date-parts': [[number]] };
  'container-title'?: string;
  publisher?: string;
  number?: string;
  DOI?: string;
  URL?: string;
  PMID?: string;
  PMCID?: string;
  abstract?: string;
  keyword?: string;
}

/** CSL's `article` is "a preprint, working paper, or other unpublished work"; Zotero imports it as a Preprint. */
const CSL_TYPE: Record<PaperKind, CslItem['type']> = {
  conference: 'paper-conference',
  journal: 'article-journal',
  preprint: 'article',
  other: 'document',
};

function item(paper: PaperRecord, id: string): CslItem {
  const { kind, venue, server } = paperVenue(paper);
  const out: CslItem = { id, type: CSL_TYPE[kind] };
  const title = oneLine(paper.title);
  if (title) out.title = title;
  // CSL has no "and others": a truncated author list is exported as far as it is known.
  const names = authorNames(paper);
  if (names.length > 0) out.author = names;
  const year = knownYear(paper);
  if (year !== undefined) out.issued = { 'date-parts': [[year]] };
  if (kind === 'preprint') {
    // As Zotero writes a preprint: the server as publisher, the arXiv id as its number.
    if (server) out.publisher = server;
    if (paper.ids.arxiv) out.number = `arXiv:${paper.ids.arxiv}`;
  } else {
    if (venue) out['container-title'] = venue;
  }
  if (paper.ids.doi) out.DOI = paper.ids.doi;
  const url = bestLink(paper);
  if (url) out.URL = url;
  if (paper.ids.pmid) out.PMID = paper.ids.pmid;
  if (paper.ids.pmcid) out.PMCID = paper.ids.pmcid;
  const abstract = paper.abstract?.trim();
  if (abstract) out.abstract = abstract;
  const tags = paper.tags.map((t) => oneLine(t)).filter(Boolean);
  if (tags.length > 0) out.keyword = tags.join(', ');
  return out;
}

/** CSL items for the papers, in the order given; `id` is the same citation key as in BibTeX. */
export function toCslItems(papers: readonly PaperRecord[]): CslItem[] {
  const keys = citeKeys(papers);
  return papers.map((paper, i) => item(paper, keys[i] ?? `paper${i}`));
}

/** CSL-JSON text: an array of items, indented for people who open the file. */
export function toCslJson(papers: readonly PaperRecord[]): string {
  return JSON.stringify(toCslItems(papers), null, 2) + '\n';
}
