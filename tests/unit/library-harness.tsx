// Shared by the side panel's component tests: a library rendered on the test's database, with the
// background's real handlers answering its requests and the search worker run in-process.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import { handleRequest, type HandlerContext } from '../../lib/handlers';
import type { PaperRecord, Status } from '../../lib/paper';
import { setLibrarySearchClient } from '../../lib/search/search-client';
import { browserCountsStore, keepLibraryCounts } from '../../lib/count-library';
import { Library } from '../../components/Library';
import { initialLibraryState, useLibraryStore } from '../../components/library/library-store';
import { useInProcessSearch } from './search-double';

const ctx: HandlerContext = { db, extensionId: 'sift-id', extensionOrigin: 'chrome-extension://sift-id/' };
const sender = { id: 'sift-id', url: 'chrome-extension://sift-id/sidepanel.html' };
/** Every request the library sent to the background in this test. */
export const sent: { type: string; [k: string]: unknown }[] = [];

export function paper(id: string, over: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id,
    keys: [`arxiv:${id}`],
    ids: {},
    title: `Paper ${id}`,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    status: 'inbox',
    tags: [],
    addedAt: 1,
    lastSeenAt: 1,
    sightings: [],
    ...over,
  };
}

export const rows = () => screen.queryAllByTestId('paper-row');
export const rowIds = () => rows().map((r) => r.getAttribute('data-paper-id'));
export const row = (id: string) => document.querySelector<HTMLElement>(`[data-testid="paper-row"][data-paper-id="${id}"]`)!;
export const count = (view: string) => screen.getByTestId(`count-${view}`).textContent;
export const nav = () => within(screen.getByRole('navigation', { name: 'Library views' }));
export const statusOf = async (id: string) => (await db.papers.get(id))?.status;
export const key = (k: string, opts: KeyboardEventInit = {}) => act(async () => void fireEvent.keyDown(document.body, { key: k, ...opts }));

export async function renderLibrary(hash = '') {
  location.hash = hash;
  render(<Library />);
  await waitFor(() => expect(screen.getByTestId('library-count').textContent).not.toBe('0 papers'));
}

export function setUpLibraryTests() {
  let stopCounting = () => {};
  beforeEach(async () => {
    fakeBrowser.reset();
    await Promise.all([db.papers.clear(), db.trash.clear()]);
    useLibraryStore.setState(initialLibraryState());
    // happy-dom has no layout: the list's scroll box is 600 px high, so 600 / ROW_HEIGHT rows (+ overscan) render.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    sent.length = 0;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: { type: string }) => {
      sent.push(msg);
      return handleRequest(ctx, msg, sender);
    }) as never);
    useInProcessSearch(db);
    stopCounting = keepLibraryCounts(db, browserCountsStore(), 0);
  });

  afterEach(() => {
    // Unmount first: a mounted library would start a real worker once the test's search is gone.
    cleanup();
    stopCounting();
    setLibrarySearchClient(undefined);
    vi.restoreAllMocks();
  });
}

/** inbox: i1 (newest) … i4; queue q1, q2, q3 (queue order q2, q3, q1); one saved, one read; tags ml ×2, rl ×1. */
export async function seed() {
  const base: [string, Status, Partial<PaperRecord>][] = [
    ['i1', 'inbox', { lastSeenAt: 40, tags: ['ml'], venue: 'NeurIPS', year: 2024 }],
    ['i2', 'inbox', { lastSeenAt: 30 }],
    ['i3', 'inbox', { lastSeenAt: 20, tags: ['ml', 'rl'] }],
    ['i4', 'inbox', { lastSeenAt: 10 }],
    ['q1', 'queued', { lastSeenAt: 50, queuePos: 3 }],
    ['q2', 'queued', { lastSeenAt: 5, queuePos: 1 }],
    ['q3', 'queued', { lastSeenAt: 6, queuePos: 2 }],
    ['s1', 'saved', { lastSeenAt: 60 }],
    ['r1', 'read', { lastSeenAt: 70 }],
  ];
  await db.papers.bulkPut(base.map(([id, status, over]) => paper(id, { status, ...over })));
}
