import type { SiteAdapter } from './types';

// PLACEHOLDER: being written (issue 3).
export const aclAnthology: SiteAdapter = {
  site: 'acl-anthology',
  urls: [],
  detect: () => [],
};
