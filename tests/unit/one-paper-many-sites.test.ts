// The same paper met on different sites is one paper in the library.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SiftDB } from '../../lib/db';
import type { DetectedPaper } from '../../lib/paper';
import { detectPapers, detectorFor } from '../../lib/sites';
import { identityKeys } from '../../lib/ids';
import { storeDetected } from '../../lib/store';
import { FIXTURES, parseHtml } from './fixtures';

let db: SiftDB;
let n = 0;
beforeEach(() => {
  db = new SiftDB(`sift-merge-${++n}`);
});
afterEach(() => db.delete());

const seen = (url: string, at: number) => ({ url, site: detectorFor(url).site, at });

describe('one paper, many sites (synthetic, one entry per site as its adapter reports it)', () => {
  const title = 'Attention Is All You Need';
  const sites: [string, DetectedPaper][] = [
    ['https://arxiv.org/list/cs.CL/new', { title, authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { arxiv: '1706.03762' }, abstract: 'The dominant sequence transduction models…' }],
    ['https://huggingface.co/papers/1706.03762', { title, authors: ['Ashish Vaswani'], ids: { arxiv: '1706.03762' } }],
    ['https://openreview.net/forum?id=abcdEFGH12', { title, authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { openreview: 'abcdEFGH12' }, venue: 'NeurIPS 2017' }],
    ['https://dblp.org/search?q=attention', { title, authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { doi: '10.5555/3295222.3295349', arxiv: '1706.03762', dblp: 'conf/nips/VaswaniSPUJGKP17' }, year: 2017 }],
    ['https://www.semanticscholar.org/paper/204e3073870fae3d05bcbc2f6a8e263d9b72e776', { title: 'Attention is All you Need', authors: ['Ashish Vaswani'], ids: { s2: '204e3073870fae3d05bcbc2f6a8e263d9b72e776', doi: '10.5555/3295222.3295349' } }],
  ];

  it('merges into one record holding every identifier and every sighting', async () => {
    let at = 1_000;
    for (const [url, paper] of sites) await storeDetected(db, [paper], seen(url, (at += 3_600_000)));
    const all = await db.papers.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.ids).toEqual({
      arxiv: '1706.03762',
      doi: '10.5555/3295222.3295349',
      openreview: 'abcdEFGH12',
      dblp: 'conf/nips/VaswaniSPUJGKP17',
      s2: '204e3073870fae3d05bcbc2f6a8e263d9b72e776',
    });
    expect(all[0]!.sightings.map((x) => x.site)).toEqual(['arxiv', 'huggingface', 'openreview', 'dblp', 'semantic-scholar']);
    expect(all[0]).toMatchObject({ venue: 'NeurIPS 2017', year: 2017, abstract: 'The dominant sequence transduction models…' });
  });

  it('the order of visits does not matter', async () => {
    let at = 1_000;
    for (const [url, paper] of [...sites].reverse()) await storeDetected(db, [paper], seen(url, (at += 3_600_000)));
    expect(await db.papers.count()).toBe(1);
  });

  it('a published DOI and an arXiv id on one entry link two records already stored apart', async () => {
    await storeDetected(db, [{ title: 'Preprint title', authors: ['Ann Smith'], ids: { arxiv: '2401.00001' } }], seen('https://arxiv.org/abs/2401.00001', 1));
    await storeDetected(db, [{ title: 'Published title', authors: ['A. Smith'], ids: { doi: '10.1000/pub' } }], seen('https://www.pnas.org/doi/10.1000/pub', 2));
    expect(await db.papers.count()).toBe(2);
    await storeDetected(db, [{ title: 'Published title', authors: ['Ann Smith'], ids: { doi: '10.1000/pub', arxiv: '2401.00001' } }], seen('https://dblp.org/search?q=x', 3));
    expect(await db.papers.count()).toBe(1);
  });

  it('two papers with the same title but different authors stay apart', async () => {
    await storeDetected(db, [{ title: 'Introduction', authors: ['Ann Smith'], ids: {} }], seen('https://example.org/a', 1));
    await storeDetected(db, [{ title: 'Introduction', authors: ['Bob Jones'], ids: {} }], seen('https://example.org/b', 2));
    await storeDetected(db, [{ title: 'introduction.', authors: ['A. Smith'], ids: {} }], seen('https://example.org/c', 3));
    const all = await db.papers.toArray();
    expect(all).toHaveLength(2);
    expect(all.map((r) => r.sightings.length).sort()).toEqual([1, 2]);
  });
});

describe('one paper, many sites (every shared fixture in one library)', () => {
  it('each identifier and each title key leads to exactly one record, and no fixture entry is lost', async () => {
    const index = (JSON.parse(readFileSync(resolve(FIXTURES, 'index.json'), 'utf8')) as { fixtures: { file: string; url: string }[] }).fixtures;
    let at = 0;
    const detected: DetectedPaper[] = [];
    for (const f of index) {
      const papers = detectPapers(parseHtml(readFileSync(resolve(FIXTURES, f.file), 'utf8')), f.url);
      detected.push(...papers);
      if (papers.length) await storeDetected(db, papers, seen(f.url, (at += 3_600_000)));
    }
    for (const paper of detected) {
      const ids = new Set<string>();
      for (const key of identityKeys(paper).filter((k) => !k.startsWith('title:'))) {
        const recs = await db.papers.where('keys').equals(key).toArray();
        expect(recs, key).toHaveLength(1);
        ids.add(recs[0]!.id);
      }
      expect(ids.size, `all ids of "${paper.title}" lead to one record`).toBeLessThanOrEqual(1);
    }
    // Papers known to appear on two fixtures became one record each.
    const flexgen = await db.papers.where('keys').equals('arxiv:2303.06865').toArray();
    expect(flexgen).toHaveLength(1);
    expect(new Set(flexgen[0]!.sightings.map((x) => x.url)).size).toBeGreaterThanOrEqual(2);
  });
});
