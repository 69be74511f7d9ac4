import type { DetectedRow } from '../paper';

/** Options for a re-detection after the page changed. */
export interface DetectOptions {
  /**
   * True for row elements already read on an earlier pass. An adapter should skip such rows
   * before reading their text, so repeated additions to a long page cost only the new rows.
   * Skipping is an optimisation: the caller ignores known rows anyway.
   */
  known?: (row: Element) => boolean;
  /**
   * `performance.now()` after which rows not read yet are left for a later pass (the registry
   * decides, through `known`), so that a long page is read in slices that never block the page.
   */
  deadline?: number;
}

/**
 * One site: which URLs it claims and how it reads entries from a page.
 * `detect` is pure and synchronous: no extension APIs, no network, no mutation of the page.
 * It returns entries in page order; the registry normalises and drops incomplete ones.
 */
export interface SiteAdapter {
  /** Stable name, stored in every sighting (e.g. "arxiv", "huggingface"). */
  site: string;
  /**
   * Hostnames of those URLs (tested against the whole hostname). `urls` are tried only on these:
   * a regular expression is compiled when first used, and a page should not pay for every site's.
   */
  host: RegExp;
  /** URLs this adapter handles (tested against the full href). */
  urls: RegExp[];
  detect(doc: Document, url: URL, options?: DetectOptions): DetectedRow[];
}

/** The host of an adapter that claims no URL. */
export const NO_HOST = /(?!)/;
