import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const pubmed: SiteAdapter = {
  site: 'pubmed',
  urls: [],
  detect: () => [],
};
