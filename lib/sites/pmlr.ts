import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const pmlr: SiteAdapter = {
  site: 'pmlr',
  urls: [],
  detect: () => [],
};
