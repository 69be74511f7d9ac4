import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { db } from '../../lib/db';
import { storeDetected } from '../../lib/store';

const ui = vi.hoisted(() => ({
  currentTabId: vi.fn(async () => 5),
  injectDetector: vi.fn(async () => false),
  tabPapers: vi.fn(),
  requestStatus: vi.fn(),
  openLibrary: vi.fn(async () => {}),
}));
vi.mock('@/lib/ui', () => ui);

import { Popup } from '../../components/Popup';

const DAY = 24 * 3600 * 1000;

beforeEach(async () => {
  await db.papers.clear();
  vi.spyOn(browser.windows, 'getCurrent').mockResolvedValue({ id: 1 } as never);
});

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
    ui.requestStatus.mockResolvedValue({ ok: true, changed: 2 });

    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('paper-row')).toHaveLength(3));
    expect(screen.getAllByTestId('paper-state').map((e) => e.textContent)).toEqual(['Seen before', 'New today', 'Saved']);
    expect(screen.getByText('Fresh <img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('Bo Fresh, C D, E F et al.')).toBeTruthy();
    expect(screen.getByTestId('tab-summary').textContent).toContain('3 papers on this page · 2 first seen today · 2 to triage');

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save all new (2)' })));
    expect(ui.requestStatus).toHaveBeenCalledWith([old.recordIds[0], fresh.recordIds[0]], 'saved');
  });

  it('shows the error the background gives', async () => {
    const { recordIds } = await storeDetected(db, [{ title: 'A', authors: ['B C'], ids: { arxiv: '2412.00009' } }], { url: 'u', site: 'arxiv', at: Date.now() });
    ui.tabPapers.mockResolvedValue({ url: 'u', site: 'arxiv', recordIds, pending: 0 });
    ui.requestStatus.mockResolvedValue({ ok: false, error: 'Storage is full: free disk space' });
    render(<Popup />);
    await waitFor(() => expect(screen.getAllByTestId('paper-row')).toHaveLength(1));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save A' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Storage is full: free disk space');
  });

  it('shows an empty state where the tab has no content script', async () => {
    ui.tabPapers.mockResolvedValue(undefined);
    render(<Popup />);
    expect(await screen.findByTestId('empty-state')).toBeTruthy();
  });
});
