import { backupText, makeBackup, type Backup } from '../../lib/backup/backup';
import { SiftDB } from '../../lib/db';
import { identityKeys } from '../../lib/ids';
import type { PaperRecord, Sighting } from '../../lib/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { editTags, setNote, setStatus, setTagColor, storeDetected } from '../../lib/store';
import { connect } from './port-double';
import {
  BACKGROUND_STOPPED,
  MAX_CHUNK_CHARS,
  sendTransfer,
  serveTransfer,
  type BackgroundMessage,
  type PortSender,
  type ProgressMessage,
  type SendTransferOptions,
  type TransferKind,
} from '../../lib/transfer';

const ORIGIN = 'chrome-extension://sift-id/';
const SIDE_PANEL: PortSender = { url: `${ORIGIN}sidepanel.html` };
const LIBRARY_TAB: PortSender = { url: `${ORIGIN}sidepanel.html`, tab: { id: 3, url: `${ORIGIN}sidepanel.html` } };

let db: SiftDB;
let n = 0;
/** The background's hook that tells open pages the library changed. */
let libraryChanged: ReturnType<typeof vi.fn<() => void>>;
beforeEach(() => {
  db = new SiftDB(`sift-transfer-${++n}`);
  libraryChanged = vi.fn<() => void>();
});
afterEach(async () => {
  await db.delete();
});

/** A page sends `text` with sendTransfer; the background serves it on the test's database. */
async function transfer(kind: TransferKind, text: string, options: SendTransferOptions = {}, sender: PortSender = SIDE_PANEL) {
  const { page, background } = connect(sender);
  const served = serveTransfer({ db, extensionOrigin: ORIGIN, libraryChanged }, background);
  const result = await sendTransfer(page, kind, text, options);
  // Resolves once any write has committed or rolled back.
  await served;
  return { result, page, background };
}

// ---------------------------------------------------------------------------------------------
// Libraries and files.

const seen = (t: number, url = 'https://arxiv.org/list/cs.LG/new', site = 'arxiv'): Sighting => ({ url, site, at: t });
const settings: Settings = { ...DEFAULT_SETTINGS, keyboard: false, triagedRows: 'dim', keys: { ...DEFAULT_SETTINGS.keys, save: 'w' } };

/** A small library with every kind of user data, and text that needs care (emoji, markup, accents). */
async function seedLibrary(target: SiftDB): Promise<void> {
  const [attention, kernel] = (
    await storeDetected(
      target,
      [
        { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], ids: { arxiv: '1706.03762' }, abstract: 'The dominant…', year: 2017 },
        { title: 'Kernel PCA by Schölkopf 🙂 & co: $x^2$', authors: ['Bernhard Schölkopf'], ids: { doi: '10.1007/bfb0020217' }, venue: 'ICANN' },
        { title: '<script>alert("x")</script> A title', authors: ['Eve'], ids: { openreview: 'AbCdEf123' } },
      ],
      seen(1_000),
    )
  ).recordIds as [string, string, string];
  await setStatus(target, [attention], 'queued', 2_000);
  await setStatus(target, [kernel], 'read', 3_000);
  await editTags(target, [attention, kernel], ['transformers'], []);
  await setNote(target, attention, 'read §3 🙂\n\nthen §4');
  await setTagColor(target, 'transformers', '#1a73e8');
}

/** Everything the library holds, in a stable order. */
async function contents(target: SiftDB) {
  return { papers: await target.papers.orderBy(':id').toArray(), tags: await target.tags.orderBy(':id').toArray() };
}

const withoutStamp = ({ updatedAt: _stamp, ...rest }: PaperRecord) => rest;

/** A backup of `count` synthetic papers: enough for several write steps of 1,000. */
function syntheticBackup(count: number): Backup {
  const papers: PaperRecord[] = Array.from({ length: count }, (_, i) => {
    const paper = { title: `Synthetic paper ${i}`, authors: [`Ann Author${i}`], ids: { arxiv: `2301.${String(10_000 + i)}` } };
    return { id: `p-${String(i).padStart(6, '0')}`, keys: identityKeys(paper), ...paper, status: 'inbox', tags: [], addedAt: 1_000 + i, lastSeenAt: 2_000 + i, sightings: [seen(1_000 + i)] };
  });
  return { format: 'sift-backup', version: 1, schemaVersion: 5, exportedAt: 1, papers, tags: [{ name: 'synthetic', color: '#ff0000' }], settings: DEFAULT_SETTINGS };
}

const BIBTEX = `
@article{vaswani2017, title={Attention Is All You Need}, author={Vaswani, Ashish and Shazeer, Noam}, journal={NeurIPS}, year={2017}, doi={10.5555/3295222.3295349}}
@misc{broken, author={Nobody, Known}, year={2020}}
@inproceedings{devlin2019, title={{BERT}: Pre-training of Deep Bidirectional Transformers}, author={Devlin, Jacob}, booktitle={NAACL}, year={2019}, keywords={nlp}}
`;

const CSL_JSON = JSON.stringify([
  { id: 'a', type: 'article-journal', title: 'Deep Residual Learning', author: [{ family: 'He', given: 'Kaiming' }], DOI: '10.1109/CVPR.2016.90', issued: { 'date-parts': [[2016]] } },
  { id: 'b', type: 'article', title: 'Adam: A Method for Stochastic Optimization', author: [{ family: 'Kingma', given: 'Diederik' }], URL: 'https://arxiv.org/abs/1412.6980' },
]);

// ---------------------------------------------------------------------------------------------

describe('sendTransfer → serveTransfer', () => {
  it('restores a backup into an empty library: every record, the tag settings, and the settings for the page', async () => {
    const source = new SiftDB(`sift-transfer-source-${n}`);
    try {
      await seedLibrary(source);
      const before = await contents(source);
      const { result } = await transfer('restore', backupText(await makeBackup(source, settings)));

      expect(result).toEqual({ type: 'done', kind: 'restore', added: 3, merged: 0, skipped: [], moreSkipped: 0, tags: 1, settings });
      const after = await contents(db);
      // Only the stamp that tells the search index to look again is new.
      expect(after.papers.map(withoutStamp)).toEqual(before.papers.map(withoutStamp));
      expect(after.tags).toEqual(before.tags);
      // Open pages are told once, after the commit, to ask for their papers' state again.
      expect(libraryChanged).toHaveBeenCalledTimes(1);
    } finally {
      await source.delete();
    }
  });

  it('imports BibTeX with a tag on every paper, reporting the entry it skipped', async () => {
    const { result } = await transfer('bibtex', BIBTEX, { tag: '  zotero   2024 ' });

    expect(result).toMatchObject({ type: 'done', kind: 'bibtex', added: 2, merged: 0, moreSkipped: 0 });
    expect(result.type === 'done' && result.skipped).toEqual([{ index: 1, error: expect.stringContaining('entry 2 (line 3)') }]);
    expect(result).not.toHaveProperty('settings');
    const tagged = await db.papers.where('tags').equals('zotero 2024').toArray();
    expect(tagged.map((p) => p.title).sort()).toEqual(['Attention Is All You Need', 'BERT: Pre-training of Deep Bidirectional Transformers']);
    expect(tagged.find((p) => p.title.startsWith('BERT'))!.tags).toEqual(['zotero 2024', 'nlp']);
  });

  it('imports CSL-JSON from the library opened in a tab of its own, merging with papers already there', async () => {
    await storeDetected(db, [{ title: 'Adam: A Method for Stochastic Optimization', authors: ['Diederik Kingma'], ids: { arxiv: '1412.6980' } }], seen(1_000));
    const { result } = await transfer('csl-json', CSL_JSON, {}, LIBRARY_TAB);

    expect(result).toEqual({ type: 'done', kind: 'csl-json', added: 1, merged: 1, skipped: [], moreSkipped: 0 });
    expect(libraryChanged).toHaveBeenCalledTimes(1);
    expect(await db.papers.count()).toBe(2);
    expect(await db.papers.where('keys').equals('doi:10.1109/cvpr.2016.90').count()).toBe(1);
  });

  it('lists the entries skipped, by the parser or by the import, in file order, up to 100', async () => {
    const items = [
      { type: 'article', title: 'First Good Paper', author: [{ family: 'Li', given: 'Bo' }] },
      // Read, but not enough to tell the paper apart: skipped by the import, not the parser.
      { type: 'article', title: 'Nobody Wrote This' },
      ...Array.from({ length: 150 }, (_, i) => ({ id: `untitled-${i}`, type: 'article' })),
      { type: 'article', title: 'Last Good Paper', author: [{ family: 'Wu', given: 'Cy' }] },
    ];
    const { result } = await transfer('csl-json', JSON.stringify(items));

    expect(result).toMatchObject({ type: 'done', added: 2, merged: 0, moreSkipped: 51 });
    if (result.type !== 'done') return;
    expect(result.skipped).toHaveLength(100);
    expect(result.skipped.slice(0, 2)).toEqual([
      { index: 1, error: 'item 2: no authors and no identifier (DOI, arXiv id…): not enough to tell the paper apart' },
      { index: 2, error: 'item 3: missing title' },
    ]);
    expect(result.skipped.at(-1)).toEqual({ index: 100, error: 'item 101: missing title' });
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2)), 'The backup could not be read: not JSON: unexpected end at position'],
    ['from a newer Sift', (text: string) => text.replace('"version":1', '"version":99'), 'The backup could not be read: made by a newer Sift (backup format 99); update Sift first'],
    ['BibTeX', () => BIBTEX, 'The backup could not be read: not a Sift backup: the file looks like BibTeX (use Import)'],
  ])('refuses a backup that is %s with the parser\'s message, and writes nothing', async (_what, spoil, message) => {
    await seedLibrary(db);
    const before = await contents(db);
    const text = spoil(backupText(syntheticBackup(20)));

    const { result } = await transfer('restore', text);

    expect(result).toEqual({ type: 'error', error: expect.stringContaining(message) });
    expect(await contents(db)).toEqual(before);
  });

  it('names the file in an import\'s error', async () => {
    const { result } = await transfer('csl-json', '{"items": [', {});
    expect(result).toEqual({ type: 'error', error: expect.stringMatching(/^The CSL-JSON file could not be read: not JSON: unexpected end/) });
    expect(libraryChanged).not.toHaveBeenCalled();
  });

  it('tells open pages nothing when an import brought nothing in', async () => {
    const { result } = await transfer('bibtex', '@misc{broken, author={Nobody, Known}, year={2020}}', {});
    expect(result).toMatchObject({ type: 'done', added: 0, merged: 0 });
    expect(libraryChanged).not.toHaveBeenCalled();
  });

  it('carries a text cut into many chunks whole, never splitting a character in two', async () => {
    const source = new SiftDB(`sift-transfer-source-${n}`);
    try {
      await seedLibrary(source);
      const text = backupText(await makeBackup(source, settings));
      const { result, page } = await transfer('restore', text, { chunkChars: 7 });

      expect(result).toMatchObject({ type: 'done', added: 3 });
      const chunks = page.sent.filter((m): m is { type: 'chunk'; text: string } => (m as { type: string }).type === 'chunk').map((m) => m.text);
      expect(chunks.length).toBeGreaterThan(text.length / 7);
      expect(chunks.join('')).toBe(text);
      // Each chunk is well-formed UTF-16: no high surrogate left without its low half.
      expect(chunks.filter((c) => /[\uD800-\uDBFF]$/.test(c))).toEqual([]);
      expect((await contents(db)).papers.map(withoutStamp)).toEqual((await contents(source)).papers.map(withoutStamp));
    } finally {
      await source.delete();
    }
  });

  it('reports progress in order: receiving, checking, then writing per 1,000 papers', async () => {
    const text = backupText(syntheticBackup(3_000));
    const progress: ProgressMessage[] = [];
    const { result } = await transfer('restore', text, { chunkChars: Math.ceil(text.length / 5), onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ type: 'done', added: 3_000 });
    const phases = progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['receiving', 'checking', 'writing']);
    const receiving = progress.filter((p) => p.phase === 'receiving');
    expect(receiving[0]).toEqual({ type: 'progress', phase: 'receiving', done: 0, total: text.length });
    expect(receiving.at(-1)).toEqual({ type: 'progress', phase: 'receiving', done: text.length, total: text.length });
    expect(receiving.map((p) => p.done)).toEqual([...receiving.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.filter((p) => p.phase === 'writing').map((p) => [p.done, p.total])).toEqual([
      [0, 3_000],
      [1_000, 3_000],
      [2_000, 3_000],
      [3_000, 3_000],
    ]);
  });

  it.each([
    ['while the background writes', (p: ProgressMessage) => p.phase === 'writing' && p.done === 1_000],
    ['before the file is checked', (p: ProgressMessage) => p.phase === 'receiving'],
  ])('cancels %s: the library stays exactly as it was', async (_when, cancelAt) => {
    await seedLibrary(db);
    const before = await contents(db);
    const controller = new AbortController();

    const { result } = await transfer('restore', backupText(syntheticBackup(3_000)), {
      signal: controller.signal,
      onProgress: (p) => {
        if (cancelAt(p)) controller.abort();
      },
    });

    expect(result).toEqual({ type: 'cancelled' });
    expect(await contents(db)).toEqual(before);
  });

  it('sends nothing when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, page } = await transfer('bibtex', BIBTEX, { signal: controller.signal });
    expect(result).toEqual({ type: 'cancelled' });
    expect(libraryChanged).not.toHaveBeenCalled();
    expect(page.sent).toEqual([]);
    expect(await db.papers.count()).toBe(0);
  });

  it.each([
    ['a content script', { url: 'https://arxiv.org/list/cs.LG/new', tab: { id: 7, url: 'https://arxiv.org/list/cs.LG/new' } }],
    ['a Sift page framed in a web page', { url: `${ORIGIN}sidepanel.html`, tab: { id: 7, url: 'https://evil.example/' } }],
    ['another extension', { url: 'chrome-extension://other-id/page.html' }],
    ['a sender without a url', {}],
  ])('refuses a port from %s and writes nothing', async (_who, sender) => {
    const { result, background } = await transfer('bibtex', BIBTEX, {}, sender);
    expect(result).toEqual({ type: 'error', error: "Transfer refused: only Sift's own pages may restore or import" });
    expect(background.disconnectCalled).toBe(true);
    expect(await db.papers.count()).toBe(0);
  });

  it('tells the page when the background stops mid-transfer', async () => {
    const { page, background } = connect(SIDE_PANEL);
    // A background whose service worker stops as soon as the file has arrived.
    background.onMessage.addListener((msg) => {
      if ((msg as { type: string }).type === 'end') background.disconnect();
    });
    expect(await sendTransfer(page, 'bibtex', BIBTEX)).toEqual({ type: 'error', error: BACKGROUND_STOPPED });
  });
});

describe('serveTransfer, driven message by message', () => {
  /** Post `messages` from a Sift page at once; what the background answered, once it is done. */
  async function serve(messages: unknown[]) {
    const { page, background } = connect(SIDE_PANEL);
    const answers: BackgroundMessage[] = [];
    page.onMessage.addListener((msg) => answers.push(msg as BackgroundMessage));
    const served = serveTransfer({ db, extensionOrigin: ORIGIN }, background);
    for (const msg of messages) page.postMessage(msg);
    await served;
    return { answers, page };
  }

  const begin = (size = BIBTEX.length) => ({ type: 'begin', kind: 'bibtex', size });
  const chunk = (text = BIBTEX) => ({ type: 'chunk', text });
  const end = { type: 'end' };

  it('imports when the messages are right', async () => {
    const { answers } = await serve([begin(), chunk(BIBTEX.slice(0, 100)), chunk(BIBTEX.slice(100)), end]);
    expect(answers.at(-1)).toMatchObject({ type: 'done', added: 2 });
    expect(await db.papers.count()).toBe(2);
  });

  it.each([
    ['not an object', [null], 'message must be an object with a type'],
    ['an unknown type', [{ type: 'drop-tables' }], 'unknown message type "drop-tables"'],
    ['an unknown kind', [{ type: 'begin', kind: 'zip', size: 10 }], 'kind must be one of restore, bibtex, csl-json'],
    ['a negative size', [{ type: 'begin', kind: 'bibtex', size: -1 }], 'size must be a whole number of characters'],
    ['a fractional size', [{ type: 'begin', kind: 'bibtex', size: 1.5 }], 'size must be a whole number of characters'],
    ['a size over the limit', [{ type: 'begin', kind: 'bibtex', size: 300 * 1024 * 1024 }], 'file is too large (300 MB; the limit is 256 MB)'],
    ['a tag on a restore', [{ type: 'begin', kind: 'restore', size: 10, tag: 'x' }], 'a restore takes no tag'],
    ['an empty tag', [{ ...begin(), tag: '   ' }], "the import's tag must have 1 to 100 characters"],
    ['a tag that is not text', [{ ...begin(), tag: ['x'] }], "the import's tag must have 1 to 100 characters"],
    ['a chunk before begin', [chunk()], '"chunk" before "begin"'],
    ['end before begin', [end], '"end" before "begin"'],
    ['a chunk without text', [begin(), { type: 'chunk', text: 42 }], 'a chunk must hold text'],
    ['a chunk over 8 MB', [{ type: 'begin', kind: 'bibtex', size: MAX_CHUNK_CHARS + 1 }, chunk('x'.repeat(MAX_CHUNK_CHARS + 1))], `a chunk must hold at most ${MAX_CHUNK_CHARS} characters`],
    ['a second begin', [begin(), chunk(), begin()], 'a second "begin" on the same port'],
    ['more text than announced', [begin(BIBTEX.length - 1), chunk(), end], `more text than announced (over ${BIBTEX.length - 1} characters)`],
    ['a file cut short', [begin(), chunk(BIBTEX.slice(0, 10)), end], `the file arrived incomplete (10 of ${BIBTEX.length} characters)`],
    ['a chunk while writing', [begin(), chunk(), end, chunk()], '"chunk" after "end"'],
  ])('refuses %s, cuts the port off and writes nothing', async (_what, messages, reason) => {
    const { answers, page } = await serve(messages);
    expect(answers.at(-1)).toEqual({ type: 'error', error: `Transfer refused: ${reason}` });
    expect(answers.filter((a) => a.type !== 'progress')).toHaveLength(1);
    expect(page.disconnectedByOther).toBe(true);
    expect(await db.papers.count()).toBe(0);
  });

  it('refuses a second transfer on a port that has done one', async () => {
    const { answers, page } = await serve([begin(), chunk(), end]);
    expect(answers.at(-1)).toMatchObject({ type: 'done' });
    const more: BackgroundMessage[] = [];
    page.onMessage.addListener((msg) => more.push(msg as BackgroundMessage));
    const cutOff = new Promise<void>((resolve) => page.onDisconnect.addListener(resolve));
    page.postMessage(begin());
    await cutOff;
    expect(more).toEqual([{ type: 'error', error: 'Transfer refused: one transfer per port' }]);
    expect(await db.papers.count()).toBe(2);
  });

  it('rolls back a write when the page goes away mid-write', async () => {
    await seedLibrary(db);
    const before = await contents(db);
    const text = backupText(syntheticBackup(3_000));
    const { page, background } = connect(SIDE_PANEL);
    const served = serveTransfer({ db, extensionOrigin: ORIGIN, libraryChanged }, background);
    page.onMessage.addListener((msg) => {
      const p = msg as BackgroundMessage;
      // The side panel closes while the background is writing.
      if (p.type === 'progress' && p.phase === 'writing' && p.done === 1_000) page.disconnect();
    });
    page.postMessage({ type: 'begin', kind: 'restore', size: text.length });
    page.postMessage({ type: 'chunk', text });
    page.postMessage({ type: 'end' });
    await served;

    expect(background.sent.map((m) => (m as BackgroundMessage).type)).not.toContain('done');
    expect(libraryChanged).not.toHaveBeenCalled();
    expect(await contents(db)).toEqual(before);
  });

  it('drops what it received when the page goes away mid-file', async () => {
    const { page, background } = connect(SIDE_PANEL);
    const served = serveTransfer({ db, extensionOrigin: ORIGIN }, background);
    page.postMessage(begin());
    page.postMessage(chunk(BIBTEX.slice(0, 100)));
    page.disconnect();
    await served;
    expect(await db.papers.count()).toBe(0);
  });
});
