import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const biorxiv: SiteAdapter = {
  site: 'biorxiv',
  urls: [],
  detect: () => [],
};
