// Where a stored paper's title links to: its own page, by its identifiers, else where it was last seen.
import type { PaperRecord } from '@/lib/paper';

const isWeb = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

export function paperLink(p: Pick<PaperRecord, 'ids' | 'pdfUrl' | 'sightings'>): string | undefined {
  const { ids } = p;
  if (ids.arxiv) return `https://arxiv.org/abs/${ids.arxiv}`;
  if (ids.doi) return `https://doi.org/${ids.doi}`;
  if (ids.openreview) return `https://openreview.net/forum?id=${encodeURIComponent(ids.openreview)}`;
  if (ids.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(ids.pmid)}/`;
  if (ids.acl) return `https://aclanthology.org/${encodeURIComponent(ids.acl)}/`;
  const seen = p.sightings.at(-1)?.url;
  if (isWeb(seen)) return seen;
  return isWeb(p.pdfUrl) ? p.pdfUrl : undefined;
}
