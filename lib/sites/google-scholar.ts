import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const googleScholar: SiteAdapter = {
  site: 'google-scholar',
  urls: [],
  detect: () => [],
};
