import { Catalog, selectPapers, type ListRequest } from '../../../lib/search/catalog';
import type { PaperRecord } from '../../../lib/paper';

function rec(id: string, over: Partial<PaperRecord>): PaperRecord {
  return { id, keys: [], ids: {}, title: id, authors: [], status: 'inbox', tags: [], addedAt: 0, lastSeenAt: 0, sightings: [], ...over };
}

const catalog = new Catalog();
for (const r of [
  rec('a', { title: 'Élan', status: 'saved', tags: ['x', 'y'], year: 2020, venue: 'ICLR 2020', addedAt: 3, lastSeenAt: 1, sightings: [{ url: 'u', site: 'openreview', at: 1 }] }),
  rec('b', { title: 'alpha', status: 'queued', queuePos: 2, tags: ['x'], addedAt: 1, lastSeenAt: 3, sightings: [{ url: 'u', site: 'arxiv', at: 1 }, { url: 'v', site: 'arxiv', at: 2 }] }),
  rec('c', { title: '"Zeta"', status: 'queued', queuePos: 1, year: 2018, venue: 'NeurIPS', addedAt: 2, lastSeenAt: 2 }),
])
  catalog.set(r);

const list = (over: Partial<ListRequest>) => selectPapers(catalog.values(), { view: 'all', filters: {}, sort: 'seen', order: 'desc', ...over });

describe('Catalog and selectPapers', () => {
  it('lists a view: status views, the queue, tag views', () => {
    expect(list({ view: 'queue', sort: 'queue', order: 'asc' })).toEqual(['c', 'b']);
    expect(list({ view: 'saved' })).toEqual(['a']);
    expect(list({ view: 'tag:x' })).toEqual(['b', 'a']);
  });

  it('filters by tags (all or any), status, site, years, venue', () => {
    expect(list({ filters: { tags: ['x', 'y'] } })).toEqual(['a']);
    expect(list({ filters: { tags: ['y', 'x'], tagMode: 'any' } })).toEqual(['b', 'a']);
    expect(list({ filters: { status: ['saved', 'queued'] } })).toEqual(['b', 'c', 'a']);
    expect(list({ filters: { site: 'arxiv' } })).toEqual(['b']);
    expect(list({ filters: { yearFrom: 2019 } })).toEqual(['a']);
    expect(list({ filters: { yearTo: 2019 } })).toEqual(['c']);
    expect(list({ filters: { venue: 'iclr' } })).toEqual(['a']);
  });

  it('sorts by title without accents or leading punctuation, by year and queue with missing values last, and by relevance', () => {
    expect(list({ sort: 'title', order: 'asc' })).toEqual(['b', 'a', 'c']);
    expect(list({ sort: 'year', order: 'asc' })).toEqual(['c', 'a', 'b']);
    expect(list({ sort: 'year', order: 'desc' })).toEqual(['a', 'c', 'b']);
    expect(list({ sort: 'queue', order: 'asc' })).toEqual(['c', 'b', 'a']);
    expect(list({ sort: 'added', order: 'asc' })).toEqual(['b', 'c', 'a']);
    const scores = new Map([
      ['a', 5],
      ['b', 9],
      ['c', 1],
    ]);
    expect(selectPapers(catalog.values(), { view: 'all', filters: {}, sort: 'relevance', order: 'desc' }, scores)).toEqual(['b', 'a', 'c']);
  });

  it('offers the sites, venues and years it holds', () => {
    expect(catalog.facets()).toEqual({
      sites: [
        { site: 'openreview', count: 1 },
        { site: 'arxiv', count: 1 },
      ],
      venues: ['ICLR 2020', 'NeurIPS'],
      years: [2018, 2020],
    });
    catalog.remove('a');
    expect(catalog.size).toBe(2);
  });
});
