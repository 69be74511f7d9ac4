import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3). Generic detectors for pages no site adapter claims.
export const generic: SiteAdapter = {
  site: 'generic',
  urls: [],
  detect: () => [],
};
