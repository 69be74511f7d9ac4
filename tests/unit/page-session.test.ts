import type { DetectedPaper } from '../../lib/paper';
import { MAX_BATCH, type BriefsResponse, type StoreDetectedResponse } from '../../lib/messages';
import { batchesOf, MAX_BATCH_CHARS, PageSession } from '../../lib/page-session';

const URL_NEW = 'https://arxiv.org/list/cs.LG/new';

function listing(ids: string[]): Document {
  const rows = ids
    .map(
      (id) => `<dt><a name="item1">[1]</a> <a href="/abs/${id}" title="Abstract" id="${id}">arXiv:${id}</a> [<a href="/pdf/${id}" id="pdf-${id}">pdf</a>]</dt>
      <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Paper ${id}</div>
      <div class="list-authors"><a href="https://arxiv.org/a/x">Ann Smith</a></div>
      <p class="mathjax">Abstract of ${id}.</p></div></dd>`,
    )
    .join('');
  return new DOMParser().parseFromString(
    `<div id="dlpage"><h3>Showing new listings for Monday, 1 April 2024</h3><dl id="articles"><h3>New submissions</h3>${rows}</dl></div>`,
    'text/html',
  );
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `2404.${String(10000 + from + i)}`);

function fakeBackground() {
  const batches: DetectedPaper[][] = [];
  const urls: string[] = [];
  let failNext = 0;
  const send = async (url: string, entries: DetectedPaper[]): Promise<StoreDetectedResponse> => {
    if (failNext > 0) {
      failNext--;
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }
    batches.push(entries);
    urls.push(url);
    return { ok: true, recordIds: entries.map((e) => `rec-${e.ids.arxiv}`), briefs: entries.map((e) => ({ id: `rec-${e.ids.arxiv}`, status: 'inbox' as const, tags: [] })), added: entries.length, known: 0 };
  };
  return { batches, urls, send, failOnce: () => (failNext = 1) };
}

describe('PageSession', () => {
  it('sends every entry once, in batches of at most MAX_BATCH and about MAX_BATCH_CHARS, and knows their record ids in page order', async () => {
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    const total = MAX_BATCH * 2 + 7;
    const result = await session.sync(listing(ids(total)));
    expect(result).toMatchObject({ detected: total, sent: total, failed: 0 });
    expect(result.error).toBeUndefined();
    expect(bg.batches.flat().map((e) => e.ids.arxiv)).toEqual(ids(total));
    expect(bg.batches.length).toBeGreaterThan(2);
    for (const b of bg.batches) {
      expect(b.length).toBeLessThanOrEqual(MAX_BATCH);
      expect(JSON.stringify(b).length).toBeLessThan(MAX_BATCH_CHARS * 1.5);
    }
    expect(session.recordIds()).toEqual(ids(total).map((id) => `rec-${id}`));
    expect(session.site).toBe('arxiv');
    expect(new Set(bg.urls)).toEqual(new Set([URL_NEW]));
  });

  it('after the page grows, sends only what is new', async () => {
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    await session.sync(listing(ids(30)));
    const again = await session.sync(listing(ids(35)));
    expect(again.sent).toBe(5);
    expect(bg.batches.map((b) => b.map((e) => e.ids.arxiv))).toEqual([ids(30), ids(5, 30)]);
    expect(session.recordIds()).toHaveLength(35);
  });

  it('on the same page, reads only rows added since the last pass', async () => {
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    const doc = listing(ids(3));
    const first = await session.sync(doc);
    expect(first.newRows).toHaveLength(3);
    // Rows already read are not read again: garbling them changes nothing.
    for (const title of doc.querySelectorAll('.list-title')) title.textContent = 'garbled';
    const more = listing(ids(2, 3));
    doc.querySelector('dl')!.append(...more.querySelectorAll('dt, dd'));
    const second = await session.sync(doc);
    expect(second.newRows).toHaveLength(2);
    expect(bg.batches.map((b) => b.map((e) => e.title))).toEqual([ids(3).map((id) => `Paper ${id}`), ids(2, 3).map((id) => `Paper ${id}`)]);
    expect(session.recordIds()).toHaveLength(5);
  });

  it('keeps unsent entries pending after a failure and sends them on the next sync', async () => {
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    bg.failOnce();
    const first = await session.sync(listing(ids(3)));
    expect(first).toMatchObject({ sent: 0, failed: 3, error: expect.stringContaining('Receiving end') });
    expect(session.pending()).toBe(3);
    expect(session.recordIds()).toEqual([]);
    const second = await session.sync(listing(ids(3)));
    expect(second).toMatchObject({ sent: 3, failed: 0 });
    expect(session.pending()).toBe(0);
  });

  it('does not send entries twice while a send is in flight', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const session = new PageSession(URL_NEW, async (_url, entries) => {
      sent.push(...entries.map((e) => e.ids.arxiv!));
      await gate;
      return { ok: true, recordIds: entries.map((e) => e.ids.arxiv!), briefs: [], added: 0, known: 0 };
    });
    const doc = listing(ids(4));
    const a = session.sync(doc);
    const b = session.sync(doc);
    release();
    await Promise.all([a, b]);
    expect(sent).toEqual(ids(4));
  });

  it('treats an empty reply (a worker stopped while answering) as a failure, and sends again later', async () => {
    const bg = fakeBackground();
    let empty = true;
    const session = new PageSession(URL_NEW, async (url, entries) => {
      if (empty) {
        empty = false;
        return undefined as unknown as StoreDetectedResponse;
      }
      return bg.send(url, entries);
    });
    const doc = listing(ids(3));
    expect(await session.sync(doc)).toMatchObject({ sent: 0, failed: 3, error: 'no answer from the background' });
    expect(session.pending()).toBe(3);
    expect(await session.sync(doc)).toMatchObject({ sent: 3, failed: 0 });
    expect(session.recordIds()).toHaveLength(3);
  });

  it('asks again for its papers\' briefs (after a restore), MAX_BATCH ids at a time, keeping "seen before" and what it does not hold', async () => {
    const bg = fakeBackground();
    const session = new PageSession(URL_NEW, bg.send);
    const total = MAX_BATCH + 3;
    await session.sync(listing(ids(total)));
    const [first, second] = session.recordIds();
    session.update([{ id: first!, status: 'inbox', tags: [], seenBefore: 5 }]);
    const asked: string[][] = [];
    const ask = async (paperIds: string[]): Promise<BriefsResponse> => {
      asked.push(paperIds);
      if (asked.length === 2) throw new Error('Could not establish connection.');
      return { ok: true, briefs: [{ id: first!, status: 'read', tags: ['ml'] }, { id: second!, status: 'saved', tags: [] }, { id: 'not-on-this-page', status: 'read', tags: [] }] };
    };
    const taken = await session.reloadBriefs(ask);
    expect(asked.map((a) => a.length)).toEqual([MAX_BATCH, 3]);
    expect(taken).toEqual([
      { id: first, status: 'read', tags: ['ml'], seenBefore: 5 },
      { id: second, status: 'saved', tags: [] },
    ]);
    expect(session.brief(first!)).toEqual({ id: first, status: 'read', tags: ['ml'], seenBefore: 5 });
    expect(session.brief('not-on-this-page')).toBeUndefined();
    // An error answer changes nothing.
    expect(await session.reloadBriefs(async () => ({ ok: false, error: 'busy' }))).toEqual([]);
    expect(session.brief(second!)?.status).toBe('saved');
  });

  it('finds nothing on pages no adapter claims', async () => {
    const bg = fakeBackground();
    const session = new PageSession('https://example.org/', bg.send);
    expect(await session.sync(listing(ids(3)))).toMatchObject({ detected: 0, sent: 0, failed: 0 });
    expect(bg.batches).toEqual([]);
  });
});

describe('sending a long page', () => {
  it('posts each batch in a task of its own, without waiting for the answer to the one before', async () => {
    const posted: { task: number }[] = [];
    let task = 0;
    const ticker = setInterval(() => task++, 0);
    const answers: (() => void)[] = [];
    const send = (url: string, entries: DetectedPaper[]) =>
      new Promise<StoreDetectedResponse>((resolve) => {
        posted.push({ task });
        answers.push(() => resolve({ ok: true, recordIds: entries.map((e) => `rec-${e.ids.arxiv}`), briefs: [], added: entries.length, known: 0 }));
      });
    const session = new PageSession(URL_NEW, send);
    const syncing = session.sync(listing(ids(MAX_BATCH + 500)));
    // 2,500 entries of this size make 3 batches: all posted before any was answered, each in a task of its own.
    await vi.waitFor(() => expect(posted).toHaveLength(3));
    expect(session.pending()).toBe(MAX_BATCH + 500);
    expect(new Set(posted.map((p) => p.task)).size).toBe(3);
    answers.forEach((answer) => answer());
    const result = await syncing;
    clearInterval(ticker);
    expect(result).toMatchObject({ sent: MAX_BATCH + 500, failed: 0 });
    expect(posted).toHaveLength(3);
    expect(session.recordIds()).toEqual(ids(MAX_BATCH + 500).map((id) => `rec-${id}`));
  });

  it('one failed batch leaves only its own entries pending', async () => {
    let calls = 0;
    const send = async (url: string, entries: DetectedPaper[]): Promise<StoreDetectedResponse> =>
      calls++ === 1 ? { ok: false, error: 'QuotaExceededError' } : { ok: true, recordIds: entries.map((e) => `rec-${e.ids.arxiv}`), briefs: [], added: entries.length, known: 0 };
    const session = new PageSession(URL_NEW, send);
    const result = await session.sync(listing(ids(MAX_BATCH)));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.sent + result.failed).toBe(MAX_BATCH);
    expect(result.error).toBe('QuotaExceededError');
    expect(session.pending()).toBe(result.failed);
  });
});

describe('batchesOf', () => {
  const entry = (id: string, abstractChars = 0): [string, DetectedPaper] => [id, { title: `T ${id}`, authors: ['A B'], ids: { arxiv: id }, abstract: 'x'.repeat(abstractChars) }];

  it('keeps the order and cuts at the entry count', () => {
    const items = ids(7).map((id) => entry(id));
    expect(batchesOf(items, 3, 1e9).map((b) => b.map(([k]) => k))).toEqual([ids(3), ids(3, 3), ids(1, 6)]);
  });

  it('cuts where the text would pass maxChars; an entry larger than that goes alone', () => {
    const items = [entry('a', 400), entry('b', 400), entry('c', 5_000), entry('d', 100), entry('e', 100)];
    expect(batchesOf(items, 100, 1_500).map((b) => b.map(([k]) => k))).toEqual([['a', 'b'], ['c'], ['d', 'e']]);
  });

  it('nothing in, nothing out', () => {
    expect(batchesOf([], 10, 10)).toEqual([]);
  });
});
