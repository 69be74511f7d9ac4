// Papers that are hard to export: shared by the exporter tests.
import type { PaperRecord } from '../../../lib/paper';

let counter = 0;

/** A stored record with defaults for everything the test does not care about. */
export function makePaper(fields: Partial<PaperRecord> & { title: string }): PaperRecord {
  counter++;
  return {
    id: `p${String(counter).padStart(4, '0')}`,
    keys: [],
    ids: {},
    authors: [],
    status: 'inbox',
    tags: [],
    addedAt: Date.UTC(2026, 0, 1) + counter * 1000,
    lastSeenAt: Date.UTC(2026, 0, 2),
    sightings: [],
    ...fields,
  };
}

export const manyAuthors = Array.from({ length: 380 }, (_, i) => `Author${i + 1} Collaborator${i + 1}`);

export const vaswani = makePaper({
  id: 'attention',
  title: 'Attention Is All You Need',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'],
  ids: { arxiv: '1706.03762' },
  venue: 'Advances in Neural Information Processing Systems 30',
  year: 2017,
  tags: ['transformers', 'to read'],
  abstract: 'The dominant sequence transduction models are based on complex recurrent networks.\nWe propose 100% attention & nothing else.',
  status: 'read',
  sightings: [{ url: 'https://arxiv.org/list/cs.CL/new', site: 'arxiv', at: 1 }],
});

export const braces = makePaper({
  title: 'On {0,1}-Matrices and the {BERT} Model for ImageNet',
  authors: ['Jacob Devlin', 'Ming-Wei Chang'],
  ids: { doi: '10.18653/v1/N19-1423', acl: 'N19-1423' },
  venue: 'Proceedings of NAACL-HLT 2019',
  year: 2019,
});

export const specials = makePaper({
  title: '100% Accuracy & Beyond: #1 Method for snake_case ~ ^ \\ | Names',
  authors: ['Grace Hopper'],
  ids: { doi: '10.1000/abc_def%20x' },
  venue: 'Journal of Special Characters & Friends',
  year: 2020,
  tags: ['c++', 'a_b'],
});

export const math = makePaper({
  title: 'Learning $x^2$ with $\\mathcal{O}(n)$ Samples from Kernels',
  authors: ['Bernhard Schölkopf', 'Alexander J. Smola'],
  venue: 'Journal of Machine Learning Research',
  year: 2002,
  ids: { doi: '10.5555/944790' },
  abstract: 'We show that $\\sum_i x_i^2$ converges; 50% of $f$ is fine.',
});

export const script = makePaper({
  title: '<script>alert(1)</script> Is Just Text',
  authors: ['Mallory Hacker'],
  ids: { openreview: 'abc123XYZ' },
  venue: 'ICLR 2024',
  year: 2024,
});

export const crowd = makePaper({
  title: 'Observation of a New Particle in the Search for the Standard Model Higgs Boson',
  authors: manyAuthors,
  authorsTruncated: true,
  ids: { arxiv: '1207.7214', doi: '10.1016/j.physletb.2012.08.020' },
  venue: 'Physics Letters B',
  year: 2012,
});

export const bare = makePaper({
  title: 'A Paper With No Authors and No Year',
  ids: { arxiv: '2401.01234' },
});

export const loneDollar = makePaper({
  title: 'Costs $5 and $10: Pricing a Lone $ Sign',
  authors: ['Ada Lovelace'],
  ids: { arxiv: '2402.00001' },
  year: 2024,
});

export const unbalanced = makePaper({
  title: 'Unbalanced { Brace and } Other } Braces {',
  authors: ['Claude Shannon'],
  ids: { arxiv: '2403.00002' },
  year: 2024,
});

export const oldStyle = makePaper({
  title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
  authors: ['Juan Maldacena'],
  ids: { arxiv: 'hep-th/9711200' },
  year: 1997,
});

export const pubmed = makePaper({
  title: 'A Study of Things in Mice',
  authors: ['Devlin J', 'van der Maaten, Laurens', 'Yann LeCun', 'Plato', 'Martin Luther King Jr.'],
  ids: { pmid: '12345678', doi: '10.1073/pnas.0000001' },
  venue: 'Proc Natl Acad Sci U S A',
  year: 2021,
  note: 'My private thoughts: =HYPERLINK("x")',
  rating: 4,
});

export const biorxiv = makePaper({
  title: 'Single-Cell Sequencing of Everything',
  authors: ['Rosalind Franklin'],
  ids: { doi: '10.1101/2024.01.01.000001' },
  venue: 'bioRxiv',
  year: 2024,
});

/** Every tricky paper above, in one library. */
export const trickyPapers: readonly PaperRecord[] = [vaswani, braces, specials, math, script, crowd, bare, loneDollar, unbalanced, oldStyle, pubmed, biorxiv];
