// Where the content script runs by itself: the sites a site adapter handles (see each adapter's
// `urls`). Whole hosts where the site navigates in-app, so the script is there when a listing
// appears. Every other page gets the generic detectors only when the user asks (toolbar button).
const SCHOLAR_HOSTS = [
  'scholar.google.com',
  'scholar.google.co.uk',
  'scholar.google.de',
  'scholar.google.fr',
  'scholar.google.es',
  'scholar.google.it',
  'scholar.google.nl',
  'scholar.google.ch',
  'scholar.google.ca',
  'scholar.google.com.au',
  'scholar.google.co.jp',
  'scholar.google.co.in',
  'scholar.google.com.br',
  'scholar.google.com.hk',
];

export const CONTENT_MATCHES = [
  'https://arxiv.org/list/*',
  'https://arxiv.org/abs/*',
  'https://arxiv.org/search/*',
  'https://export.arxiv.org/list/*',
  'https://export.arxiv.org/abs/*',
  'https://www.arxiv.org/list/*',
  'https://www.arxiv.org/abs/*',
  'https://huggingface.co/*',
  'https://openreview.net/*',
  'https://aclanthology.org/*',
  'https://proceedings.mlr.press/*',
  'https://proceedings.neurips.cc/*',
  'https://papers.nips.cc/*',
  'https://papers.neurips.cc/*',
  'https://openaccess.thecvf.com/*',
  'https://dblp.org/*',
  'https://dblp.uni-trier.de/*',
  'https://dblp.dagstuhl.de/*',
  ...SCHOLAR_HOSTS.map((host) => `https://${host}/*`),
  'https://www.semanticscholar.org/*',
  'https://pubmed.ncbi.nlm.nih.gov/*',
  'https://www.biorxiv.org/*',
  'https://www.medrxiv.org/*',
];

let supported: RegExp[] | undefined;

/** True on the supported sites' pages where the content script runs by itself. */
export function isSupportedSite(url: string): boolean {
  supported ??= CONTENT_MATCHES.map(patternRegExp);
  const bare = url.split('#')[0]!;
  return supported.some((re) => re.test(bare));
}

/** Does a WebExtension match pattern (scheme://host/path, `*` wildcards) match `url`? */
export function matchesPattern(pattern: string, url: string): boolean {
  return patternRegExp(pattern).test(url.split('#')[0]!);
}

function patternRegExp(pattern: string): RegExp {
  const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return /$^/;
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const hostRe = host.startsWith('*.') ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  return new RegExp(`^${scheme === '*' ? 'https?' : scheme}://${hostRe}${esc(path)}$`);
}
