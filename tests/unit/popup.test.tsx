import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { db } from '../../lib/db';
import { storeDetected } from '../../lib/store';
import { browserCountsStore, keepLibraryCounts } from '../../lib/count-library';
import { earlyCounts, readCounts, startEarlyCounts } from '../../lib/library-counts';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { EditResponse, Request } from '../../lib/messages';
import type { PaperPatch } from '../../lib/paper';

const ui = vi.hoisted(() => ({
  currentTabId: vi.fn(async () => 5),
  injectDetector: vi.fn(async () => false),
  tabPapers: vi.fn(),
  openLibrary: vi.fn(async () => {}),
}));
vi.mock('@/lib/ui', () => ui);

import { Popup } from '../../components/Popup';

const DAY = 24 * 3600 * 1000;

/** Stands in for the background: records each request, answers with `answer`. */
let answer: (msg: Request) => unknown;
let sendMessage: ReturnType<typeof vi.fn>;

const sent = (type: Request['type']) => sendMessage.mock.calls.map(([m]) => m as Request).filter((m) => m.type === type);

let stopCounting = () => {};
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.siftEarlyCounts = undefined;
  await db.papers.clear();
  // The background counts the library after its writes; the popup shows the stored counts.
  stopCounting = keepLibraryCounts(db, browserCountsStore(), 0);
  vi.spyOn(browser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as never);
  answer = () => ({ ok: true, changed: 0, before: [], briefs: [] });
  sendMessage = vi.fn(async (msg: Request) => answer(msg));
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
});

afterEach(() => {
  stopCounting();
  vi.restoreAllMocks();
});

const at = Date.now();
async function stored(title: string, arxiv: string) {
  const { recordIds } = await storeDetected(db, [{ title, authors: ['A B'], ids: { arxiv } }], { url: 'https://arxiv.org/list/x/new', site: 'arxiv', at });
  return recordIds[0]!;
}

describe('Popup', () => {
  it('lists the tab papers with their states and saves all untriaged ones', async () => {
    const now = Date.now();
    const old = await storeDetected(db, [{ title: 'Old news', authors: ['Ann Old'], ids: { arxiv: '2301.00001' } }], { url: 'https://arxiv.org/list/x/new', site: 'arxiv', at: now - 3 * DAY });
    const fresh = await storeDetected(
      db,
      [
        { title: 'Fresh <img src=x onerror=alert(1)>', authors: ['Bo Fresh', 'C D', 'E F', 'G H'], ids: { arxiv: '2412.00001' } },
        { title: 'Already saved', authors: ['Sam Saved'], ids: { arxiv: '2412.00002' } },
      ],
      { url: 'https://arxiv.org/list/x/new', site: 'arxiv', at: now },
    );
    await db.papers.update(fresh.recordIds[1]!, { status: 'saved' });
    const recordIds = [...old.recordIds, ...fresh.recordIds];
    ui.tabPapers.mockResolvedValue({ url: 'https://arxiv.org/list/x/new', site: 'arxiv', recordIds, pending: 0 });

    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('paper-row')).toHaveLength(3));
    expect(screen.getAllByTestId('paper-state').map((e) => e.textContent)).toEqual(['Seen before', 'New today', 'Saved']);
    expect(screen.getByText('Fresh <img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('Bo Fresh, C D, E F et al.')).toBeTruthy();
    expect(screen.getByTestId('tab-summary').textContent).toContain('3 papers on this page · 2 first seen today · 2 to triage');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save all new (2)' })));
    expect(sent('set-status')).toEqual([{ type: 'set-status', paperIds: [old.recordIds[0], fresh.recordIds[0]], status: 'saved' }]);
  });

  it('shows the error the background gives', async () => {
    const { recordIds } = await storeDetected(db, [{ title: 'A', authors: ['B C'], ids: { arxiv: '2412.00009' } }], { url: 'u', site: 'arxiv', at: Date.now() });
    ui.tabPapers.mockResolvedValue({ url: 'u', site: 'arxiv', recordIds, pending: 0 });
    answer = () => ({ ok: false, error: 'Storage is full: free disk space' });
    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('paper-row')).toHaveLength(1));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save A' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Storage is full: free disk space');
    expect(sent('set-status')).toEqual([{ type: 'set-status', paperIds: recordIds, status: 'saved' }]);
    // Nothing changed, so nothing to undo.
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('shows an empty state where the tab has no content script', async () => {
    ui.tabPapers.mockResolvedValue(undefined);
    render(<Popup />);
    expect(await screen.findByTestId('empty-state')).toBeTruthy();
  });

  it('queues all untriaged papers of the tab, then undoes it with the before the background gave', async () => {
    const a = await stored('Alpha', '2412.10001');
    const b = await stored('Beta', '2412.10002');
    const c = await stored('Gamma', '2412.10003');
    await db.papers.update(b, { status: 'saved' });
    ui.tabPapers.mockResolvedValue({ url: 'https://arxiv.org/list/x/new', site: 'arxiv', recordIds: [a, b, c], pending: 0 });
    const before: PaperPatch[] = [
      { id: a, status: 'inbox', tags: [] },
      { id: c, status: 'inbox', tags: ['ml'], note: 'kept' },
    ];
    answer = (msg) =>
      msg.type === 'set-status' ? ({ ok: true, changed: 2, before, briefs: [] } satisfies EditResponse) : { ok: true, changed: 2, before: [], briefs: [] };

    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('paper-row')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Queue all new (2)' })));
    expect(sent('set-status')).toEqual([{ type: 'set-status', paperIds: [a, c], status: 'queued' }]);
    expect(screen.getByRole('status').textContent).toContain('Queued 2 papers.');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(sent('restore')).toEqual([{ type: 'restore', patches: before }]);
    // Undone: the Undo goes away.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
  });

  it('Save all new offers Undo too, and keeps it when the undo fails', async () => {
    const a = await stored('Alpha', '2412.20001');
    ui.tabPapers.mockResolvedValue({ url: 'u', site: 'arxiv', recordIds: [a], pending: 0 });
    const before: PaperPatch[] = [{ id: a, status: 'inbox', tags: [] }];
    answer = (msg) => (msg.type === 'set-status' ? { ok: true, changed: 1, before, briefs: [] } : { ok: false, error: 'The library is busy' });

    render(<Popup />);
    const saveAll = await screen.findByRole('button', { name: /Save all new/ });
    await waitFor(() => expect((saveAll as HTMLButtonElement).disabled).toBe(false));
    await act(async () => fireEvent.click(saveAll));
    expect(sent('set-status')).toEqual([{ type: 'set-status', paperIds: [a], status: 'saved' }]);
    expect(screen.getByRole('status').textContent).toContain('Saved 1 paper.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(sent('restore')).toEqual([{ type: 'restore', patches: before }]);
    expect((await screen.findByRole('alert')).textContent).toBe('The library is busy');
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('shows the head of the reading queue: the first 3 by queue position, live', async () => {
    const ids: Record<string, string> = {};
    for (const [i, title] of ['Fourth', 'Second', 'Fifth', 'First', 'Third'].entries()) ids[title] = await stored(title, `2412.3000${i}`);
    const pos: Record<string, number> = { First: 1, Second: 2, Third: 3.5, Fourth: 7, Fifth: 9 };
    for (const [title, queuePos] of Object.entries(pos)) await db.papers.update(ids[title]!, { status: 'queued', queuePos });
    await stored('Not queued', '2412.39999');
    ui.tabPapers.mockResolvedValue(undefined);

    render(<Popup />);
    const titles = () => screen.queryAllByTestId('queue-item').map((li) => li.textContent);
    await waitFor(() => expect(titles()).toEqual(['First', 'Second', 'Third']));
    // The count is its own live query: it may land a moment after the titles.
    await waitFor(() => expect(screen.getByRole('heading', { name: /Up next/ }).textContent).toContain('5 queued'));
    const link = screen.getByRole('link', { name: 'First' }) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://arxiv.org/abs/2412.30003');
    expect(link.getAttribute('target')).toBe('_blank');

    // Reading the first one moves the queue up.
    await db.papers.update(ids.First!, { status: 'read', queuePos: undefined });
    await waitFor(() => expect(titles()).toEqual(['Second', 'Third', 'Fourth']));
  });

  it('counts the inbox with the papers of no tab', async () => {
    for (let i = 0; i < 4; i++) await stored(`Paper ${i}`, `2412.4000${i}`);
    const saved = await stored('Saved one', '2412.40009');
    await db.papers.update(saved, { status: 'saved' });
    ui.tabPapers.mockResolvedValue(undefined);
    render(<Popup />);
    await waitFor(() => expect(screen.getByTestId('inbox-count').textContent).toBe('4 in inbox'));
    await waitFor(() => expect(screen.getByTestId('empty-state').textContent).toContain('4 papers wait in your inbox.'));
    // The queue's head is read from IndexedDB; the inbox count came from storage, perhaps first.
    expect(await screen.findByText('Your reading queue is empty. Queue papers to read them next.')).toBeTruthy();
  });

  it('shows the inbox count in its first render when the early read has answered, before the library code loads', async () => {
    for (let i = 0; i < 3; i++) await stored(`Paper ${i}`, `2412.5000${i}`);
    await waitFor(async () => expect((await readCounts())?.status.inbox).toBe(3));
    startEarlyCounts();
    await waitFor(() => expect(earlyCounts()).toBeDefined());
    ui.tabPapers.mockResolvedValue(undefined);
    render(<Popup />);
    // No waiting: the first render has the count, and the queue's head (Dexie) is not there yet.
    expect(screen.getByTestId('inbox-count').textContent).toBe('3 in inbox');
    expect(screen.queryByTestId('queue-head')).toBeNull();
    expect(await screen.findByTestId('queue-head')).toBeTruthy();
  });

  it('opens the side panel of the popup window from Open library', async () => {
    ui.tabPapers.mockResolvedValue(undefined);
    render(<Popup />);
    await screen.findByTestId('empty-state');
    await waitFor(() => expect(browser.windows.getCurrent).toHaveBeenCalled());
    await act(async () => {});
    fireEvent.click(screen.getByRole('button', { name: 'Open library' }));
    expect(ui.openLibrary).toHaveBeenCalledWith(1);
  });
});
