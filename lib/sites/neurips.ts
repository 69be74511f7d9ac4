import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const neurips: SiteAdapter = {
  site: 'neurips',
  urls: [],
  detect: () => [],
};
