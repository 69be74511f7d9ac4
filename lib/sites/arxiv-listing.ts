import type { SiteAdapter } from './types';

// PLACEHOLDER: being written.
export const arxivListing: SiteAdapter = {
  site: 'arxiv',
  urls: [],
  detect: () => [],
};
