import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const openreview: SiteAdapter = {
  site: 'openreview',
  urls: [],
  detect: () => [],
};
