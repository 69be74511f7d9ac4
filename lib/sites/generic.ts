// The generic detectors: the registry's fallback for every page no site adapter claims
// (see `detectorFor` in ./index.ts). They run on arbitrary pages, so precision comes before recall.
//
// Order, first match wins:
//  1. `citation_*` meta (Dublin Core / PRISM as fallback): the page is ONE paper. A JSON-LD item
//     for the same paper fills fields the tags lack; the abstract may come from the page.
//  2. JSON-LD ScholarlyArticle items: one item is a single-paper page, several are a list.
//  3. COinS spans: a list, one entry per span.
//  4. DOI / arXiv links, only in reference-shaped entries, only when nothing above matched.
// Reference lists, "related" asides, cite dialogs and BibTeX blocks on a paper page never add
// entries: the single paper of step 1 or 2 ends detection.
import type { DetectedPaper, DetectedRow, IdKind } from '../paper';
import { ID_KINDS } from '../paper';
import { normalizeTitle } from '../ids';
import { NO_HOST, type DetectOptions, type SiteAdapter } from './types';
import { domAbstract, mainHeading, metaPaper, pageRow } from './generic-meta';
import { jsonLdPapers, locatedRows, locatePapers } from './generic-jsonld';
import { detectCoins } from './generic-coins';
import { detectLinks } from './generic-links';

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Two descriptions of the same paper: a shared identifier, or the same title. */
function sameWork(a: DetectedPaper, b: DetectedPaper): boolean {
  for (const kind of ID_KINDS) {
    const x = a.ids[kind];
    const y = b.ids[kind];
    if (x && y) return x.toLowerCase() === y.toLowerCase();
  }
  return normalizeTitle(a.title) === normalizeTitle(b.title);
}

/** Fill what `into` lacks from `from` (the same paper described elsewhere on the page). */
function fillGaps(into: DetectedPaper, from: DetectedPaper): void {
  if (into.authors.length === 0 && from.authors.length > 0) into.authors = [...from.authors];
  for (const kind of ID_KINDS as readonly IdKind[]) {
    const value = from.ids[kind];
    if (value && !into.ids[kind]) into.ids[kind] = value;
  }
  into.abstract ??= from.abstract;
  into.venue ??= from.venue;
  into.year ??= from.year;
  into.pdfUrl ??= from.pdfUrl;
  for (const key of ['abstract', 'venue', 'year', 'pdfUrl'] as const) if (into[key] === undefined) delete into[key];
}

/** One paper for the whole page, on the heading showing it; the abstract may be read from the page. */
function singleRow(doc: Document, paper: DetectedPaper): DetectedRow[] {
  if (!paper.abstract) {
    const abstract = attempt(() => domAbstract(doc), undefined);
    if (abstract) paper.abstract = abstract;
  }
  return [pageRow(doc, paper)];
}

/**
 * With `options.known` (a re-detection), list detectors skip entries read on an earlier pass
 * before reading their text. The page-level sources (meta tags, JSON-LD) are read on every pass:
 * they decide which detector applies. A single-paper page is one entry: nothing to skip.
 */
function detectGeneric(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
  const known = options?.known;
  const meta = attempt(() => metaPaper(doc, url), undefined);
  const ld = attempt(() => jsonLdPapers(doc, url), []);
  if (meta) {
    const twin = ld.find((p) => sameWork(meta, p));
    if (twin) fillGaps(meta, twin);
    return singleRow(doc, meta);
  }
  if (ld.length === 1) return singleRow(doc, ld[0]!);
  if (ld.length > 1) {
    const located = attempt(() => locatePapers(doc, ld, known), undefined);
    if (located) return locatedRows(ld, located);
    // Locating failed: every paper on the main heading, with no title element.
    const element = mainHeading(doc);
    return ld.map((paper) => ({ paper, element }));
  }
  const coins = attempt(() => detectCoins(doc, known), []);
  if (coins.length > 0) return coins;
  return attempt(() => detectLinks(doc, url, known), []);
}

export const generic: SiteAdapter = {
  site: 'generic',
  // The fallback for every URL no site adapter claims; it claims none itself.
  host: NO_HOST,
  urls: [],
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[] {
    return attempt(() => detectGeneric(doc, url, options), []);
  },
};
