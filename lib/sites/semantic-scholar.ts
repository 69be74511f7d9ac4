import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const semanticScholar: SiteAdapter = {
  site: 'semantic-scholar',
  urls: [],
  detect: () => [],
};
