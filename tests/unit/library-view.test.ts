import { DEFAULT_VIEW, formatRoute, parseRoute, parseView, queueMoveTarget, rangeBetween, viewLabel, viewStatus, viewTag, type LibraryRoute } from '../../lib/library-view';

describe('parseRoute', () => {
  it('reads the view and the open paper', () => {
    expect(parseRoute('#view=queue')).toEqual({ view: 'queue' });
    expect(parseRoute('view=all')).toEqual({ view: 'all' });
    expect(parseRoute('#view=tag:ml&paper=abc-123')).toEqual({ view: 'tag:ml', paper: 'abc-123' });
    expect(parseRoute('#view=tag%3Adeep%20learning')).toEqual({ view: 'tag:deep learning' });
    expect(parseRoute('#view=tag:c%2B%2B')).toEqual({ view: 'tag:c++' });
  });

  it('opens a paper in the Inbox when only the paper is given ("Show in library")', () => {
    expect(parseRoute('#paper=0f8e2a4c-uuid')).toEqual({ view: 'inbox', paper: '0f8e2a4c-uuid' });
  });

  it('falls back to the Inbox for unknown or malformed values', () => {
    for (const hash of ['', '#', '#view=', '#view=nope', '#view=queued', '#view=tag:', '#view=tag:%20', '#view=%E0%A4%A', '#view=tag:%00x', '#view=INBOX', '#junk'])
      expect(parseRoute(hash)).toEqual({ view: DEFAULT_VIEW });
    expect(parseRoute(`#view=tag:${'a'.repeat(101)}`)).toEqual({ view: 'inbox' });
    expect(parseRoute('#paper=%E0%A4%A')).toEqual({ view: 'inbox' });
    expect(parseRoute(`#paper=${'x'.repeat(101)}`)).toEqual({ view: 'inbox' });
  });

  it('uses the first value of a repeated key', () => {
    expect(parseRoute('#view=saved&view=read')).toEqual({ view: 'saved' });
  });

  it('round-trips through formatRoute', () => {
    const routes: LibraryRoute[] = [
      { view: 'inbox' },
      { view: 'skipped', paper: 'p1' },
      { view: 'tag:a&b=c #d' },
      { view: 'tag:c++', paper: 'id/with?odd#chars' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ view: 'tag:ml', paper: 'x' })).toBe('#view=tag%3Aml&paper=x');
  });
});

describe('views', () => {
  it('maps views to statuses, tags and labels', () => {
    expect(viewStatus('queue')).toBe('queued');
    expect(viewStatus('inbox')).toBe('inbox');
    expect(viewStatus('all')).toBeUndefined();
    expect(viewStatus('tag:read')).toBeUndefined();
    expect(viewTag('tag:read')).toBe('read');
    expect(viewTag('read')).toBeUndefined();
    expect(viewLabel('queue')).toBe('Queue');
    expect(viewLabel('tag:ml')).toBe('#ml');
    expect(parseView('tag:  spaced  ')).toBeUndefined();
    expect(parseView(undefined)).toBeUndefined();
  });
});

describe('rangeBetween', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  it('selects from the anchor to the target in list order, either way', () => {
    expect(rangeBetween(ids, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(ids, 'e', 'c')).toEqual(['c', 'd', 'e']);
    expect(rangeBetween(ids, 'c', 'c')).toEqual(['c']);
  });
  it('selects only the target without an anchor in the list', () => {
    expect(rangeBetween(ids, undefined, 'b')).toEqual(['b']);
    expect(rangeBetween(ids, 'gone', 'b')).toEqual(['b']);
    expect(rangeBetween(ids, 'a', 'gone')).toEqual([]);
  });
});

describe('queueMoveTarget', () => {
  const q = ['a', 'b', 'c', 'd'];
  it('moves up before the previous paper, down before the one after next, or to the end', () => {
    expect(queueMoveTarget(q, 'c', -1)).toEqual({ beforeId: 'b' });
    expect(queueMoveTarget(q, 'b', 1)).toEqual({ beforeId: 'd' });
    expect(queueMoveTarget(q, 'c', 1)).toEqual({});
  });
  it('cannot move past either end or move a paper not in the queue', () => {
    expect(queueMoveTarget(q, 'a', -1)).toBeNull();
    expect(queueMoveTarget(q, 'd', 1)).toBeNull();
    expect(queueMoveTarget(q, 'zz', 1)).toBeNull();
  });
});
