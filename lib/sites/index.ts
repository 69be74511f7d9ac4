// The registry: every site adapter, listed explicitly. `detectPapers` is the one entry point.
import { ENTRY_LIMITS, isEntryYear, type DetectedPaper, type DetectedRow } from '../paper';
import { canonicalIds } from '../ids';
import { cleanText, isCleanText } from '../text';
import { NO_HOST, type DetectOptions, type SiteAdapter } from './types';
import { arxivListing } from './arxiv-listing';
import { arxivSearch } from './arxiv-search';
import { arxivAbs } from './arxiv-abs';
import { huggingface } from './huggingface';
import { openreview } from './openreview';
import { aclAnthology } from './acl-anthology';
import { pmlr } from './pmlr';
import { neurips } from './neurips';
import { cvf } from './cvf';
import { dblp } from './dblp';
import { googleScholar } from './google-scholar';
import { semanticScholar } from './semantic-scholar';
import { pubmed } from './pubmed';
import { biorxiv } from './biorxiv';
import { generic } from './generic';
import { isSupportedSite } from './matches';

/** Site adapters, each claiming its own URLs. */
export const adapters: readonly SiteAdapter[] = [
  arxivListing,
  arxivSearch,
  arxivAbs,
  huggingface,
  openreview,
  aclAnthology,
  pmlr,
  neurips,
  cvf,
  dblp,
  googleScholar,
  semanticScholar,
  pubmed,
  biorxiv,
];

/** The site adapter that claims `url`, if any. */
export function adapterFor(url: string): SiteAdapter | undefined {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return adapters.find((a) => a.host.test(hostname) && a.urls.some((re) => re.test(url)));
}

/** Pages of a supported site that its adapter does not read (a model page on Hugging Face, say). */
const nothing: SiteAdapter = { site: 'none', host: NO_HOST, urls: [], detect: () => [] };

/**
 * The site adapter for `url`; else, on other sites, the generic detectors (citation meta tags,
 * JSON-LD, COinS, links). They never run on a supported site: its adapter knows its pages.
 */
export function detectorFor(url: string): SiteAdapter {
  return adapterFor(url) ?? (isSupportedSite(url) ? nothing : generic);
}

function clip(s: string | undefined, max: number = ENTRY_LIMITS.text): string | undefined {
  const t = cleanText(s);
  if (!t) return undefined;
  return t.length > max ? t.slice(0, max) : t;
}

/** A listing gives every row the same venue: clean it once. */
const lastVenue: { raw?: string; clean?: string } = {};
function clipVenue(venue: string | undefined): string | undefined {
  lastVenue.raw = venue;
  lastVenue.clean = clip(venue, ENTRY_LIMITS.venue);
  return lastVenue.clean;
}

/**
 * Normalise one entry as in site-guide §0, in place (adapters hand over fresh objects; a 2,000-row
 * page should not be copied again); undefined when it is not a complete paper.
 */
export function normalizeEntry(p: DetectedPaper): DetectedPaper | undefined {
  const title = clip(p.title, ENTRY_LIMITS.title);
  if (!title) return undefined;
  const ids = canonicalIds(p.ids ?? {});
  const raw = p.authors ?? [];
  let authors = raw;
  for (let i = 0; i < raw.length; i++) {
    const name = raw[i]!;
    // Already clean, the common case: kept without a copy.
    if (authors === raw && isCleanText(name, ENTRY_LIMITS.name)) continue;
    const clean = clip(name, ENTRY_LIMITS.name);
    if (clean === name && authors === raw) continue;
    // Something changed: from here on, build a new list.
    if (authors === raw) authors = raw.slice(0, i);
    if (clean) authors.push(clean);
  }
  if (authors.length > ENTRY_LIMITS.authors) authors = authors.slice(0, ENTRY_LIMITS.authors);
  if (authors.length === 0 && Object.keys(ids).length === 0) return undefined;
  p.title = title;
  p.authors = authors;
  p.ids = ids;
  // `delete` only where there is something to delete: it is not free, even for a missing property.
  if (p.abstract !== undefined) {
    const abstract = clip(p.abstract);
    if (abstract) p.abstract = abstract;
    else delete p.abstract;
  }
  if (p.venue !== undefined) {
    const venue = p.venue === lastVenue.raw ? lastVenue.clean : clipVenue(p.venue);
    if (venue) p.venue = venue;
    else delete p.venue;
  }
  if (p.pdfUrl !== undefined && !/^https?:\/\//.test(p.pdfUrl)) delete p.pdfUrl;
  if (p.year !== undefined && !isEntryYear(p.year)) delete p.year;
  if (p.authorsTruncated !== undefined && !p.authorsTruncated) delete p.authorsTruncated;
  if (p.frontMatter !== undefined && !p.frontMatter) delete p.frontMatter;
  if (p.listingType !== undefined && !p.listingType) delete p.listingType;
  if (p.itemType !== undefined && !p.itemType) delete p.itemType;
  return p;
}

export interface DetectedRows {
  site: string;
  rows: DetectedRow[];
  /** Rows left for a later pass because `options.deadline` passed. */
  deferred: number;
}

/**
 * Entries with their row elements; never throws into the page. With `options.known`, rows whose
 * element is known are left out (adapters skip reading them where they can). With
 * `options.deadline`, rows an adapter asks about after it are deferred: left out unread. An adapter
 * asks once per row, before reading it.
 */
export function detectRows(doc: Document, url: string, options?: DetectOptions): DetectedRows {
  const adapter = detectorFor(url);
  const known = options?.known;
  const deadline = options?.deadline;
  let deferred = 0;
  let expired = false;
  let asked = 0;
  // Past the deadline, every row not read yet is deferred. The clock is read every 16 rows: cheap.
  const skip = (row: Element): boolean => {
    if (known?.(row)) return true;
    if (!expired && (asked++ & 15) === 0) expired = performance.now() > deadline!;
    if (expired) deferred++;
    return expired;
  };
  let raw: DetectedRow[];
  try {
    raw = adapter.detect(doc, new URL(url), deadline !== undefined ? { known: skip } : options);
  } catch (err) {
    console.warn('[sift] detection failed', err);
    return { site: adapter.site, rows: [], deferred: 0 };
  }
  const rows: DetectedRow[] = [];
  for (let i = 0; i < raw.length; i++) {
    const row = raw[i]!;
    // Only rows read before: rows an adapter read without asking (it does not skip) are never deferred.
    if (known?.(row.element)) continue;
    if (row.normalized || normalizeEntry(row.paper)) rows.push(row);
  }
  return { site: adapter.site, rows, deferred };
}

/** Every complete paper on the page, in page order, normalised. Pure and synchronous. */
export function detectPapers(doc: Document, url: string): DetectedPaper[] {
  return detectRows(doc, url).rows.map((r) => r.paper);
}
