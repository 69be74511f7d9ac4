import type { SiteAdapter } from './types';

// PLACEHOLDER: being written.
export const arxivSearch: SiteAdapter = {
  site: 'arxiv',
  urls: [],
  detect: () => [],
};
