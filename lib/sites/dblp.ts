import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const dblp: SiteAdapter = {
  site: 'dblp',
  urls: [],
  detect: () => [],
};
