import Dexie from 'dexie';
import { SiftDB } from '../../lib/db';
import { handleRequest, type HandlerContext } from '../../lib/handlers';
import { MAX_BATCH, parseRequest } from '../../lib/messages';

let ctx: HandlerContext;
let n = 0;
beforeEach(() => {
  ctx = { db: new SiftDB(`sift-handlers-${++n}`), extensionId: 'sift-id', extensionOrigin: 'chrome-extension://sift-id/', now: () => 42 };
});
afterEach(() => ctx.db.delete());

const page = { id: 'sift-id', url: 'https://arxiv.org/list/cs.LG/new', tab: { id: 7 } };
const popup = { id: 'sift-id', url: 'chrome-extension://sift-id/popup.html' };
const entry = { title: 'A paper', authors: ['Ann Smith'], ids: { arxiv: 'arXiv:2401.01234v2' } };

describe('parseRequest', () => {
  it.each([
    [null, 'message must be an object'],
    [{ type: 'drop-tables' }, 'unknown message type'],
    [{ type: 'store-detected', url: page.url, entries: 'x' }, 'entries must be an array'],
    [{ type: 'store-detected', url: page.url, entries: [] }, 'entries is empty'],
    [{ type: 'store-detected', url: page.url, entries: Array(MAX_BATCH + 1).fill(entry) }, 'at most'],
    [{ type: 'store-detected', url: page.url, entries: [{ ...entry, title: '' }] }, 'title'],
    [{ type: 'store-detected', url: page.url, entries: [{ ...entry, authors: [1] }] }, 'authors'],
    [{ type: 'store-detected', url: page.url, entries: [{ ...entry, ids: { evil: 'x' } }] }, 'unknown id kind'],
    [{ type: 'store-detected', url: page.url, entries: [{ ...entry, pdfUrl: 'javascript:alert(1)' }] }, 'pdfUrl'],
    [{ type: 'store-detected', url: page.url, entries: [{ ...entry, year: 'soon' }] }, 'year'],
    [{ type: 'set-status', paperIds: ['a'], status: 'deleted' }, 'status must be one of'],
    [{ type: 'paper-briefs', paperIds: 'a' }, 'paperIds must be an array of ids'],
    [{ type: 'paper-briefs', paperIds: [''] }, 'paperIds must be an array of ids'],
    [{ type: 'store-detected', entries: [entry] }, 'url must be an http(s) URL'],
    [{ type: 'store-detected', url: 'javascript:alert(1)', entries: [entry] }, 'url must be an http(s) URL'],
  ])('rejects a malformed message (case %#)', (msg, reason) => {
    const parsed = parseRequest(msg);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(reason);
  });
  it('drops unknown fields', () => {
    const parsed = parseRequest({ type: 'store-detected', url: page.url, entries: [{ ...entry, __proto__x: 1, extra: 'y' }], more: 1 });
    expect(parsed).toEqual({ ok: true, value: { type: 'store-detected', url: page.url, entries: [{ ...entry, ids: { arxiv: '2401.01234' } }] } });
  });
});

describe('handleRequest', () => {
  it('stores a batch from a content script, with the sighting taken from the sender', async () => {
    const res = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    expect(res).toMatchObject({ ok: true, added: 1, known: 0 });
    const [rec] = await ctx.db.papers.toArray();
    expect(rec).toMatchObject({ ids: { arxiv: '2401.01234' }, sightings: [{ url: page.url, site: 'arxiv', at: 42 }] });
    expect(await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page)).toMatchObject({ ok: true, added: 0, known: 1 });
  });

  it.each([
    ['another extension', { ...page, id: 'evil' }, 'not this extension'],
    ['a page of another origin', { ...page, url: 'https://evil.example/list' }, 'not on the sender page'],
    ['no tab', { id: 'sift-id', url: page.url }, 'content script'],
  ])('rejects store-detected from %s and writes nothing', async (_what, sender, reason) => {
    const res = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, sender);
    expect(res).toMatchObject({ ok: false });
    expect(!res.ok && res.error).toContain(reason);
    expect(await ctx.db.papers.count()).toBe(0);
  });

  it('takes the sighting from the page URL after in-app navigation; pages no site adapter claims are "generic"', async () => {
    const moved = 'https://arxiv.org/list/cs.LG/recent';
    await handleRequest(ctx, { type: 'store-detected', url: moved, entries: [entry] }, page);
    expect((await ctx.db.papers.toArray())[0]!.sightings[0]!).toMatchObject({ url: moved, site: 'arxiv' });
    const other = { id: 'sift-id', url: 'https://www.pnas.org/doi/10.1073/pnas.1611835114', tab: { id: 8 } };
    const res = await handleRequest(ctx, { type: 'store-detected', url: other.url, entries: [{ title: 'A journal paper', authors: ['Bo Li'], ids: { doi: '10.1073/pnas.1611835114' } }] }, other);
    expect(res).toMatchObject({ ok: true, added: 1 });
    const rec = (await ctx.db.papers.where('keys').equals('doi:10.1073/pnas.1611835114').first())!;
    expect(rec.sightings[0]!.site).toBe('generic');
  });

  it('rejects a whole batch when one entry is incomplete', async () => {
    const res = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry, { title: 'No ids', authors: [], ids: {} }] }, page);
    expect(res).toEqual({ ok: false, error: 'entry 1 is incomplete (needs a title and an identifier or author)' });
    expect(await ctx.db.papers.count()).toBe(0);
  });

  it('lets extension pages edit any paper, and a page only papers seen on its own site', async () => {
    const stored = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    const ids = stored.ok && 'recordIds' in stored ? stored.recordIds : [];
    const elsewhere = { id: 'sift-id', url: 'https://openreview.net/group?id=x', tab: { id: 9 } };
    expect(await handleRequest(ctx, { type: 'set-status', paperIds: ids, status: 'saved' }, elsewhere)).toEqual({
      ok: false,
      error: 'a page may edit only papers it showed',
    });
    expect(await handleRequest(ctx, { type: 'set-status', paperIds: ids, status: 'saved' }, { id: 'sift-id' })).toMatchObject({ ok: false });
    expect((await ctx.db.papers.toArray())[0]!.status).toBe('inbox');
    expect(await handleRequest(ctx, { type: 'set-status', paperIds: ids, status: 'saved' }, page)).toMatchObject({ ok: true, changed: 1 });
    expect(await handleRequest(ctx, { type: 'set-status', paperIds: ids, status: 'read' }, popup)).toMatchObject({ ok: true, changed: 1 });
    expect((await ctx.db.papers.toArray())[0]!.status).toBe('read');
  });

  it('answers the briefs a page asks for again (after a restore), only of papers seen on its site', async () => {
    const stored = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    const [mine] = stored.ok && 'recordIds' in stored ? stored.recordIds : [];
    const elsewhere = { id: 'sift-id', url: 'https://openreview.net/group?id=x', tab: { id: 9 } };
    const theirs = await handleRequest(ctx, { type: 'store-detected', url: elsewhere.url, entries: [{ ...entry, title: 'Other', ids: { openreview: 'Xyz' } }] }, elsewhere);
    const [other] = theirs.ok && 'recordIds' in theirs ? theirs.recordIds : [];
    await ctx.db.papers.update(mine!, { status: 'read', tags: ['ml'], note: 'kept' });

    expect(await handleRequest(ctx, { type: 'paper-briefs', paperIds: [mine!, other!, 'gone'] }, page)).toEqual({
      ok: true,
      briefs: [{ id: mine, status: 'read', tags: ['ml'], note: 'kept' }],
    });
    expect(await handleRequest(ctx, { type: 'paper-briefs', paperIds: [mine!, other!] }, popup)).toMatchObject({ ok: true, briefs: [{ id: mine }, { id: other }] });
    expect(await handleRequest(ctx, { type: 'paper-briefs', paperIds: [mine!] }, { id: 'sift-id', url: page.url })).toMatchObject({ ok: false });
  });

  it('broadcasts what changed, and undoes an edit with the patches it answered', async () => {
    const broadcast = vi.fn();
    ctx.broadcast = broadcast;
    const stored = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    const [id] = stored.ok && 'recordIds' in stored ? stored.recordIds : [];
    const tagged = await handleRequest(ctx, { type: 'edit-tags', paperIds: [id!], add: ['  to   read ', 'ml'], remove: [] }, page);
    expect(tagged).toMatchObject({ ok: true, changed: 1, briefs: [{ id, tags: ['to read', 'ml'] }], before: [{ id, tags: [] }] });
    const saved = await handleRequest(ctx, { type: 'set-status', paperIds: [id!], status: 'saved' }, page);
    expect(broadcast).toHaveBeenLastCalledWith([{ id, status: 'saved', tags: ['to read', 'ml'] }]);
    const before = saved.ok && 'before' in saved ? saved.before : [];
    expect(await handleRequest(ctx, { type: 'restore', patches: before }, page)).toMatchObject({ ok: true, changed: 1 });
    const rec = (await ctx.db.papers.get(id!))!;
    expect([rec.status, rec.statusChangedAt, rec.tags]).toEqual(['inbox', undefined, ['to read', 'ml']]);
    expect(await handleRequest(ctx, { type: 'list-tags' }, page)).toEqual({ ok: true, tags: ['ml', 'to read'] });
  });

  it.each([
    [{ type: 'edit-tags', paperIds: ['a'], add: [''], remove: [] }, 'a tag must have'],
    [{ type: 'edit-tags', paperIds: ['a'], add: ['x'.repeat(101)], remove: [] }, 'a tag must have'],
    [{ type: 'edit-tags', paperIds: 'a', add: [], remove: [] }, 'paperIds'],
    [{ type: 'set-note', paperId: 'a', note: 5 }, 'note must be a string'],
    [{ type: 'restore', patches: [{ id: 'a', status: 'gone', tags: [] }] }, 'patch 0 is malformed'],
    [{ type: 'open-library', paperId: 7 }, 'paperId'],
  ])('rejects a malformed edit (case %#)', async (msg, reason) => {
    const res = await handleRequest(ctx, msg, popup);
    expect(res).toMatchObject({ ok: false });
    expect(!res.ok && res.error).toContain(reason);
  });

  it('leaves queue order, ratings, deletes and tag management to Sift pages, and undoes a delete', async () => {
    const stored = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    const [id] = stored.ok && 'recordIds' in stored ? stored.recordIds : [];
    for (const msg of [
      { type: 'set-rating', paperId: id, rating: 5 },
      { type: 'move-in-queue', paperId: id },
      { type: 'delete-papers', paperIds: [id] },
      { type: 'rename-tag', from: 'a', to: 'b' },
      { type: 'delete-tag', tag: 'a' },
      { type: 'tag-color', tag: 'a', color: '#000000' },
    ])
      expect(await handleRequest(ctx, msg, page), msg.type).toMatchObject({ ok: false, error: expect.stringContaining('only Sift pages') });
    expect(await handleRequest(ctx, { type: 'set-rating', paperId: id, rating: 5 }, popup)).toMatchObject({ ok: true, changed: 1 });
    const deleted = await handleRequest(ctx, { type: 'delete-papers', paperIds: [id] }, popup);
    expect(deleted).toMatchObject({ ok: true, deleted: [id] });
    expect(await ctx.db.papers.count()).toBe(0);
    const token = deleted.ok && 'token' in deleted ? deleted.token : '';
    expect(await handleRequest(ctx, { type: 'undo-delete', token }, popup)).toMatchObject({ ok: true, changed: 1 });
    expect((await ctx.db.papers.get(id!))!.rating).toBe(5);
  });

  it.each([
    [{ type: 'set-rating', paperId: 'a', rating: 6 }, 'rating must be'],
    [{ type: 'set-rating', paperId: 'a', rating: 2.5 }, 'rating must be'],
    [{ type: 'move-in-queue', paperId: '' }, 'paperId'],
    [{ type: 'rename-tag', from: 'ml', to: ' ml ' }, 'two different tags'],
    [{ type: 'tag-color', tag: 'ml', color: 'red; background: url(x)' }, 'color must be'],
    [{ type: 'undo-delete', token: 3 }, 'token'],
    [{ type: 'restore', patches: [{ id: 'a', status: 'queued', tags: [], queuePos: 'first' }] }, 'patch 0 is malformed'],
  ])('rejects a malformed library request (case %#)', async (msg, reason) => {
    const res = await handleRequest(ctx, msg, popup);
    expect(res).toMatchObject({ ok: false });
    expect(!res.ok && res.error).toContain(reason);
  });

  it('opens the library on a paper for the sender tab', async () => {
    const openLibrary = vi.fn(async () => {});
    ctx.openLibrary = openLibrary;
    const answer = handleRequest(ctx, { type: 'open-library', paperId: 'p1' }, page);
    // Before handleRequest first yields: the browser opens the panel only while the user gesture lasts.
    expect(openLibrary).toHaveBeenCalledWith(7, 'p1');
    expect(await answer).toEqual({ ok: true });
  });

  it('reports a full disk clearly and stores nothing', async () => {
    vi.spyOn(ctx.db.papers, 'bulkPut').mockRejectedValueOnce(Object.assign(new Error('x'), { name: 'QuotaExceededError' }));
    const res = await handleRequest(ctx, { type: 'store-detected', url: page.url, entries: [entry] }, page);
    expect(res).toEqual({ ok: false, error: expect.stringContaining('Storage is full') });
    expect(await ctx.db.papers.count()).toBe(0);
  });
});

describe('schema', () => {
  it('is version 5 of database "sift" with the indexes the queries use', async () => {
    const db = new SiftDB();
    await db.open();
    expect(db.name).toBe('sift');
    expect(db.verno).toBe(6);
    const schema = db.papers.schema;
    expect(schema.primKey.name).toBe('id');
    expect(schema.indexes.map((i) => [i.name, !!i.multi]).sort()).toEqual([
      ['[status+lastSeenAt]', false],
      ['keys', true],
      ['lastSeenAt', false],
      ['queuePos', false],
      ['status', false],
      ['tags', true],
      ['updatedAt', false],
    ]);
    expect(db.tags.schema.primKey.name).toBe('name');
    expect(db.trash.schema.primKey.name).toBe('token');
    db.close();
  });

  it('upgrades a version 3 library: every record kept as it was, status views ordered by [status+lastSeenAt]', async () => {
    const name = `sift-migrate-${++n}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos', tags: 'name', trash: 'token, at' });
    const base = { ids: {}, authors: ['A B'], tags: ['ml'], addedAt: 1, sightings: [] };
    const records = [
      { ...base, id: 'old', keys: ['arxiv:1'], title: 'Old', status: 'inbox', lastSeenAt: 10 },
      { ...base, id: 'new', keys: ['arxiv:2'], title: 'New', status: 'inbox', lastSeenAt: 30 },
      { ...base, id: 'mid', keys: ['arxiv:3'], title: 'Mid', status: 'inbox', lastSeenAt: 20 },
      { ...base, id: 'q', keys: ['arxiv:4'], title: 'Queued', status: 'queued', lastSeenAt: 40, queuePos: 1 },
    ];
    await v3.table('papers').bulkPut(records);
    await v3.table('tags').put({ name: 'ml', color: '#1a73e8' });
    await v3.table('trash').put({ token: 't', at: 5, records: [] });
    v3.close();
    const db = new SiftDB(name);
    await db.open();
    expect(db.verno).toBe(6);
    // Version 5 stamps records that never had `updatedAt` with when they last changed that we know of.
    expect(await db.papers.toArray()).toEqual([...records].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ ...r, updatedAt: r.lastSeenAt })));
    expect(await db.papers.where('updatedAt').above(25).primaryKeys()).toEqual(['new', 'q']);
    expect(await db.tags.get('ml')).toEqual({ name: 'ml', color: '#1a73e8' });
    expect(await db.trash.count()).toBe(1);
    const inbox = await db.papers.where('[status+lastSeenAt]').between(['inbox', Dexie.minKey], ['inbox', Dexie.maxKey]).reverse().primaryKeys();
    expect(inbox).toEqual(['new', 'mid', 'old']);
    await db.delete();
  });

  it('upgrades a version 5 library: OpenReview papers take the year their venue names', async () => {
    const name = `sift-migrate-${++n}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({ papers: 'id, *keys, status, lastSeenAt, *tags, queuePos, [status+lastSeenAt], updatedAt' });
    const base = { authors: ['A B'], tags: [], status: 'saved', addedAt: 1, lastSeenAt: 2, updatedAt: 2, sightings: [] };
    await v5.table('papers').bulkPut([
      { ...base, id: 'iclr', keys: ['openreview:Abc'], ids: { openreview: 'Abc' }, title: 'ICLR', venue: 'ICLR 2021 Poster', year: 2020 },
      { ...base, id: 'right', keys: ['openreview:Def'], ids: { openreview: 'Def' }, title: 'Right', venue: 'ICLR 2021 Poster', year: 2021 },
      { ...base, id: 'tmlr', keys: ['openreview:Ghi'], ids: { openreview: 'Ghi' }, title: 'TMLR', venue: 'Transactions on Machine Learning Research', year: 2023 },
      // Not from OpenReview: a venue's text is not trusted to name the year.
      { ...base, id: 'arxiv', keys: ['arxiv:1'], ids: { arxiv: '1' }, title: 'arXiv', venue: 'Workshop 2019', year: 2018 },
    ]);
    v5.close();
    const before = Date.now();
    const db = new SiftDB(name);
    const byId = new Map((await db.papers.toArray()).map((p) => [p.id, p]));
    expect(byId.get('iclr')).toMatchObject({ year: 2021, venue: 'ICLR 2021 Poster' });
    // Changed records are stamped, so the search index picks up the change.
    expect(byId.get('iclr')!.updatedAt).toBeGreaterThanOrEqual(before);
    expect(byId.get('right')).toMatchObject({ year: 2021, updatedAt: 2 });
    expect(byId.get('tmlr')).toMatchObject({ year: 2023, updatedAt: 2 });
    expect(byId.get('arxiv')).toMatchObject({ year: 2018, updatedAt: 2 });
    await db.delete();
  });

  it('upgrades a version 2 library: papers already queued keep the order they were queued in', async () => {
    const name = `sift-migrate-${++n}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({ papers: 'id, *keys, status, lastSeenAt, *tags' });
    const base = { keys: [], ids: {}, authors: ['A B'], tags: [], addedAt: 1, lastSeenAt: 2, sightings: [] };
    await v2.table('papers').bulkPut([
      { ...base, id: 'late', title: 'Late', status: 'queued', statusChangedAt: 30, keys: ['arxiv:1'] },
      { ...base, id: 'early', title: 'Early', status: 'queued', statusChangedAt: 10, keys: ['arxiv:2'] },
      { ...base, id: 'saved', title: 'Saved', status: 'saved', statusChangedAt: 20, keys: ['arxiv:3'] },
    ]);
    v2.close();
    const db = new SiftDB(name);
    expect((await db.papers.orderBy('queuePos').toArray()).map((p) => p.id)).toEqual(['early', 'late']);
    expect((await db.papers.get('saved'))!.queuePos).toBeUndefined();
    expect(await db.papers.count()).toBe(3);
    await db.delete();
  });

  it('upgrades a version 1 library without losing a record, and indexes its tags', async () => {
    const name = `sift-migrate-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ papers: 'id, *keys, status, lastSeenAt' });
    const old = { id: 'p1', keys: ['arxiv:2401.01234'], ids: { arxiv: '2401.01234' }, title: 'T', authors: ['A B'], status: 'saved', tags: ['ml', 'rl'], addedAt: 1, lastSeenAt: 2, sightings: [] };
    await v1.table('papers').bulkPut([old, { ...old, id: 'p2', keys: ['arxiv:2401.01235'], tags: undefined }]);
    v1.close();
    const db = new SiftDB(name);
    expect(await db.papers.get('p1')).toEqual({ ...old, updatedAt: old.lastSeenAt });
    expect((await db.papers.get('p2'))!.tags).toEqual([]);
    expect(await db.papers.where('tags').equals('rl').primaryKeys()).toEqual(['p1']);
    await db.delete();
  });
});
