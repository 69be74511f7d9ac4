import type { DetectedRow } from '../paper';

/**
 * One site: which URLs it claims and how it reads entries from a page.
 * `detect` is pure and synchronous: no extension APIs, no network, no mutation of the page.
 * It returns entries in page order; the registry normalises and drops incomplete ones.
 */
export interface SiteAdapter {
  /** Stable name, stored in every sighting (e.g. "arxiv", "huggingface"). */
  site: string;
  /** URLs this adapter handles (tested against the full href). */
  urls: RegExp[];
  detect(doc: Document, url: URL): DetectedRow[];
}
