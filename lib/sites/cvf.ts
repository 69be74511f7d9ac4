import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const cvf: SiteAdapter = {
  site: 'cvf',
  urls: [],
  detect: () => [],
};
