import type { SiteAdapter } from './types';

// PLACEHOLDER: being written.
export const arxivAbs: SiteAdapter = {
  site: 'arxiv',
  urls: [],
  detect: () => [],
};
