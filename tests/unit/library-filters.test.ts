import { dayRange, filterCount, hasFilters, parseDay, type LibraryFilters } from '../../lib/library-filters';
import { effectiveSort, formatRoute, parseRoute, type LibraryRoute } from '../../lib/library-view';

describe('search, filters and sort in the hash', () => {
  it('round-trips every filter, the search and the sort', () => {
    const filters: LibraryFilters = {
      tags: ['deep learning', 'c++', 'a&b'],
      tagMode: 'any',
      status: ['saved', 'read'],
      site: 'acl-anthology',
      yearFrom: 2019,
      yearTo: 2024,
      venue: 'NeurIPS & co',
      addedFrom: '2026-01-01',
      addedTo: '2026-02-29'.replace('29', '28'),
      seenTo: '2026-11-30',
    };
    const route: LibraryRoute = { view: 'tag:ml', paper: 'p-1', q: 'diffusion "models" #1', filters, sort: 'year', order: 'asc' };
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('leaves out what is malformed and keeps the rest', () => {
    const route = parseRoute(
      '#view=all&q=%E0%A4%A&tag=ok&tag=&tag=ok&tagmode=sometimes&status=saved,bogus&site=<script>&year=20x-2024&venue=%20&added=2026-02-30..2026-03-01&seen=yesterday&sort=random&order=up',
    );
    expect(route).toEqual({ view: 'all', filters: { tags: ['ok'], status: ['saved'], addedTo: '2026-03-01' } });
    expect(parseRoute('#year=-2024').filters).toEqual({ yearTo: 2024 });
  });

  it('writes nothing for an empty search and no filters', () => {
    expect(formatRoute({ view: 'inbox', q: '  ', filters: {} })).toBe('#view=inbox');
  });

  it('counts filters the way the Filters button shows them', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ tagMode: 'any' })).toBe(false);
    expect(filterCount({ tags: ['a', 'b'], yearFrom: 2000, yearTo: 2001, seenFrom: '2026-01-01' })).toBe(3);
  });

  it('sorts by relevance only while searching, else in the view’s own order', () => {
    expect(effectiveSort({ view: 'inbox' })).toEqual({ sort: 'seen', order: 'desc' });
    expect(effectiveSort({ view: 'queue' })).toEqual({ sort: 'queue', order: 'asc' });
    expect(effectiveSort({ view: 'queue', q: 'x' })).toEqual({ sort: 'relevance', order: 'desc' });
    expect(effectiveSort({ view: 'all', sort: 'relevance' })).toEqual({ sort: 'seen', order: 'desc' });
    expect(effectiveSort({ view: 'all', sort: 'title', order: 'desc' })).toEqual({ sort: 'title', order: 'desc' });
  });
});

describe('days', () => {
  it('accepts only real days', () => {
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('2024-13-01')).toBeUndefined();
    expect(parseDay('24-01-01')).toBeUndefined();
  });

  it('covers whole local days, open at either end', () => {
    const [lo, hi] = dayRange('2026-03-01', '2026-03-02');
    expect(lo).toBe(new Date(2026, 2, 1).getTime());
    expect(hi).toBe(new Date(2026, 2, 3).getTime() - 1);
    expect(dayRange(undefined, undefined)).toEqual([-Infinity, Infinity]);
  });
});
