import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import { viewIds } from '../../components/library/queries';

// The detail pane belongs to another component with its own tests: a stub shows which paper is open.
vi.mock('../../components/library/PaperDetail', () => ({
  PaperDetail: ({ paperId, onClose }: { paperId: string; onClose: () => void }) => (
    <section data-testid="detail" data-paper-id={paperId}>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  ),
}));

import { ROW_HEIGHT } from '../../components/Library';
import { count, key, nav, paper, renderLibrary, row, rowIds, rows, seed, sent, setUpLibraryTests, statusOf } from './library-harness';

setUpLibraryTests();


describe('Library: views', () => {
  it('lists the views with their counts and shows the Inbox, most recently seen first', async () => {
    await seed();
    await renderLibrary();
    expect(screen.getByTestId('library-count').textContent).toBe('9 papers');
    await waitFor(() => expect(count('inbox')).toBe('4'));
    expect([count('queue'), count('saved'), count('reading'), count('read'), count('skipped'), count('all')]).toEqual(['3', '1', '0', '1', '0', '9']);
    expect([count('tag:ml'), count('tag:rl')]).toEqual(['2', '1']);
    expect(nav().getByRole('button', { name: /Inbox/ }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i2', 'i3', 'i4']));
    // The row comes first, its record a moment later.
    await waitFor(() => expect(row('i1').textContent).toContain('Paper i1'));
    const first = row('i1');
    expect(first.textContent).toContain('Ada Lovelace, Alan Turing, Grace Hopper et al.');
    expect(first.textContent).toContain('NeurIPS · 2024');
    expect(first.textContent).toContain('#ml');
    expect(within(first).getByTestId('paper-state').textContent).toBe('Seen before');
  });

  it('orders the Queue by queue position and labels the first "Next to read"', async () => {
    await seed();
    await renderLibrary();
    await act(async () => fireEvent.click(nav().getByRole('button', { name: /Queue/ })));
    await waitFor(() => expect(rowIds()).toEqual(['q2', 'q3', 'q1']));
    await waitFor(() => expect(row('q2').textContent).toContain('Next to read'));
    expect(row('q3').textContent).not.toContain('Next to read');
    expect(location.hash).toBe('#view=queue');
  });

  it('shows a tag view and All', async () => {
    await seed();
    await renderLibrary();
    await act(async () => fireEvent.click(nav().getByRole('button', { name: /#ml/ })));
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i3']));
    expect(location.hash).toBe('#view=tag%3Aml');
    await act(async () => fireEvent.click(nav().getByRole('button', { name: /All/ })));
    await waitFor(() => expect(rowIds()).toEqual(['r1', 's1', 'q1', 'i1', 'i2', 'i3', 'i4', 'q3', 'q2']));
  });

  it('opens and closes the tag manager, which lists the tags in use', async () => {
    await seed();
    await renderLibrary();
    const toggle = screen.getByRole('button', { name: 'Manage tags' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(async () => fireEvent.click(toggle));
    const tags = await screen.findByRole('list', { name: 'Tags in use' });
    await waitFor(() => expect(within(tags).getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close tag manager' })));
    expect(screen.queryByRole('list', { name: 'Tags in use' })).toBeNull();
  });

  it('restores the view from the hash, and falls back to the Inbox for an unknown one', async () => {
    await seed();
    await renderLibrary('#view=saved');
    await waitFor(() => expect(rowIds()).toEqual(['s1']));
    expect(nav().getByRole('button', { name: /Saved/ }).getAttribute('aria-current')).toBe('page');
    await act(async () => {
      location.hash = '#view=nonsense';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i2', 'i3', 'i4']));
  });

  it('opens the paper named in the hash ("Show in library") and closes it again', async () => {
    await seed();
    await renderLibrary('#paper=i3');
    expect((await screen.findByTestId('detail')).getAttribute('data-paper-id')).toBe('i3');
    await waitFor(() => expect(row('i3').getAttribute('aria-selected')).toBe('true'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Close' })));
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(location.hash).toBe('#view=inbox');
  });

  it('renders page text as text', async () => {
    await db.papers.put(paper('x', { title: 'Evil <img src=x onerror=alert(1)>', authors: ['<b>Bold</b>'], tags: ['<i>t</i>'] }));
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(1));
    // The row comes first, its record a moment later.
    await waitFor(() => expect(row('x').textContent).toContain('Evil <img src=x onerror=alert(1)>'));
    expect(row('x').textContent).toContain('<b>Bold</b>');
    expect(row('x').querySelector('img, b, i')).toBeNull();
  });
});

describe('Library: a large library', () => {
  it('renders only the rows on screen and reads only their records', async () => {
    const n = 3_000;
    await db.papers.bulkPut(Array.from({ length: n }, (_, i) => paper(`p${String(i).padStart(5, '0')}`, { lastSeenAt: n - i })));
    const bulkGet = vi.spyOn(db.papers, 'bulkGet');
    const toArray = vi.spyOn(db.papers, 'toArray');
    await renderLibrary();
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await waitFor(() => expect(row('p00000').textContent).toContain('Paper p00000'));
    expect(rows().length).toBeLessThanOrEqual(Math.ceil(600 / ROW_HEIGHT) + 12);
    expect(screen.getByTestId('paper-list').getAttribute('aria-label')).toBe('Inbox papers');
    expect(count('inbox')).toBe(String(n));
    expect(Math.max(...bulkGet.mock.calls.map(([ids]) => (ids as string[]).length))).toBeLessThanOrEqual(40);
    expect(toArray).not.toHaveBeenCalled();

    const scroller = screen.getByTestId('paper-list');
    await act(async () => {
      scroller.scrollTop = ROW_HEIGHT * 2_000;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(row('p02000')?.textContent).toContain('Paper p02000'));
    expect(row('p00000')).toBeNull();
  });

  it('orders a large tag by the lastSeenAt index the same way as by its records', async () => {
    await db.papers.bulkPut(Array.from({ length: 30 }, (_, i) => paper(`t${i}`, { lastSeenAt: (i * 7) % 30, tags: i % 2 ? ['odd'] : [] })));
    const byRecords = await viewIds(db, 'tag:odd');
    expect(byRecords).toHaveLength(15);
    expect(await viewIds(db, 'tag:odd', 5)).toEqual(byRecords);
    const seen = await Promise.all(byRecords.map(async (id) => (await db.papers.get(id))!.lastSeenAt));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });
});

describe('Library: selection and bulk actions', () => {
  it('click selects one, shift-click a range; bulk Save with Undo', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await act(async () => fireEvent.click(row('i1')));
    expect(screen.getByTestId('selected-count').textContent).toBe('1 of 4 selected');
    await act(async () => fireEvent.click(row('i3'), { shiftKey: true }));
    expect(screen.getByTestId('selected-count').textContent).toBe('3 of 4 selected');
    expect(['i1', 'i2', 'i3', 'i4'].map((id) => row(id).getAttribute('aria-selected'))).toEqual(['true', 'true', 'true', 'false']);
    await act(async () => fireEvent.click(row('i2')));
    expect(screen.getByTestId('selected-count').textContent).toBe('1 of 4 selected');
    await act(async () => fireEvent.click(row('i4'), { shiftKey: true }));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save selected' })));
    expect(sent.at(-1)).toEqual({ type: 'set-status', paperIds: ['i2', 'i3', 'i4'], status: 'saved' });
    expect((await screen.findByTestId('toast')).textContent).toContain('Saved 3 papers');
    await waitFor(() => expect(rowIds()).toEqual(['i1']));
    await waitFor(async () => expect(await statusOf('i3')).toBe('saved'));
    await waitFor(() => expect(count('saved')).toBe('4'));
    expect(screen.getByTestId('selected-count').textContent).toBe('0 of 1 selected');

    await act(async () => fireEvent.click(within(screen.getByTestId('toast')).getByRole('button', { name: 'Undo' })));
    expect(sent.at(-1)!.type).toBe('restore');
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Undone'));
    await waitFor(async () => expect(await statusOf('i3')).toBe('inbox'));
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i2', 'i3', 'i4']));
  });

  it('select all, tag and untag, each undoable', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Select all' })));
    expect(screen.getByTestId('selected-count').textContent).toBe('4 of 4 selected');
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag for the selected papers' }), { target: { value: '  to read  ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Tag selected' })));
    expect(sent.at(-1)).toEqual({ type: 'edit-tags', paperIds: ['i1', 'i2', 'i3', 'i4'], add: ['to read'], remove: [] });
    await waitFor(() => expect(count('tag:to read')).toBe('4'));
    expect((await db.papers.get('i2'))!.tags).toEqual(['to read']);

    fireEvent.change(screen.getByRole('textbox', { name: 'Tag for the selected papers' }), { target: { value: 'ml' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Untag selected' })));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Untagged 2 papers #ml'));
    expect((await db.papers.get('i3'))!.tags).toEqual(['rl', 'to read']);
    await waitFor(() => expect(screen.queryByTestId('count-tag:ml')).toBeNull());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    await waitFor(() => expect(screen.getByTestId('toast').textContent).toContain('Undone'));
    expect((await db.papers.get('i3'))!.tags).toEqual(['ml', 'rl', 'to read']);
    await waitFor(() => expect(count('tag:ml')).toBe('2'));
  });

  it('refuses an empty tag', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await act(async () => fireEvent.click(row('i1')));
    fireEvent.change(screen.getByRole('textbox', { name: 'Tag for the selected papers' }), { target: { value: '   ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Tag selected' })));
    expect(screen.getByRole('alert').textContent).toContain('Type a tag first');
    expect(sent).toEqual([]);
  });

  it('deletes with Undo', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await act(async () => fireEvent.click(row('i2')));
    await act(async () => fireEvent.click(row('i3'), { shiftKey: true }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete selected' })));
    expect(sent.at(-1)).toEqual({ type: 'delete-papers', paperIds: ['i2', 'i3'] });
    expect((await screen.findByTestId('toast')).textContent).toContain('Deleted 2 papers');
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i4']));
    await waitFor(() => expect(screen.getByTestId('library-count').textContent).toBe('7 papers'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(sent.at(-1)!.type).toBe('undo-delete');
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i2', 'i3', 'i4']));
    expect(await db.papers.count()).toBe(9);
  });

  it('shows the error the background gives, and writes nothing', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    vi.mocked(fakeBrowser.runtime.sendMessage).mockResolvedValue({ ok: false, error: 'Storage is full: free disk space' } as never);
    await act(async () => fireEvent.click(row('i1')));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Skip selected' })));
    expect(screen.getByRole('alert').textContent).toBe('Storage is full: free disk space');
    expect(screen.queryByTestId('toast')).toBeNull();
    await waitFor(async () => expect(await statusOf('i1')).toBe('inbox'));
  });
});

describe('Library: keyboard', () => {
  it('j/k move the focus, x selects, s saves the selection, Esc clears it', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await key('j');
    expect(row('i1').className).toContain('focused');
    await key('j');
    await key('j');
    await key('k');
    expect(row('i2').className).toContain('focused');
    expect(screen.getByTestId('paper-list').getAttribute('aria-activedescendant')).toBe('row-i2');
    await key('x');
    await key('j');
    await key('x');
    expect(screen.getByTestId('selected-count').textContent).toBe('2 of 4 selected');
    await key('x');
    expect(screen.getByTestId('selected-count').textContent).toBe('1 of 4 selected');
    await key('Escape');
    expect(screen.getByTestId('selected-count').textContent).toBe('0 of 4 selected');
    await key('x');
    await key('s');
    expect(sent.at(-1)).toEqual({ type: 'set-status', paperIds: ['i3'], status: 'saved' });
    await waitFor(async () => expect(await statusOf('i3')).toBe('saved'));
    // The saved paper leaves the Inbox; the focus moves to the one now in its place.
    await waitFor(() => expect(rowIds()).toEqual(['i1', 'i2', 'i4']));
    await waitFor(() => expect(row('i4').className).toContain('focused'));
  });

  it('q, r, d act on the focused row when nothing is selected; Enter opens it, Esc closes it', async () => {
    await seed();
    await renderLibrary('#view=all');
    await waitFor(() => expect(rows()).toHaveLength(9));
    await key('j');
    await key('q');
    await waitFor(async () => expect(await statusOf('r1')).toBe('queued'));
    await key('r');
    await waitFor(async () => expect(await statusOf('r1')).toBe('read'));
    await key('d');
    await waitFor(async () => expect(await statusOf('r1')).toBe('skipped'));
    await key('Enter');
    expect(screen.getByTestId('detail').getAttribute('data-paper-id')).toBe('r1');
    expect(location.hash).toBe('#view=all&paper=r1');
    await key('Escape');
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(location.hash).toBe('#view=all');
  });

  it('ignores keys typed into a field or with a modifier', async () => {
    await seed();
    await renderLibrary();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await key('j');
    const input = screen.getByRole('textbox', { name: 'Tag for the selected papers' });
    await act(async () => void fireEvent.keyDown(input, { key: 's' }));
    await act(async () => void fireEvent.keyDown(screen.getByRole('button', { name: 'Select all' }), { key: 'Enter' }));
    expect(screen.queryByTestId('detail')).toBeNull();
    await key('s', { ctrlKey: true });
    await key('j', { metaKey: true });
    expect(sent).toEqual([]);
    expect(row('i1').className).toContain('focused');
  });

  it('Shift+J / Shift+K move the focused paper in the Queue', async () => {
    await seed();
    await renderLibrary('#view=queue');
    await waitFor(() => expect(rowIds()).toEqual(['q2', 'q3', 'q1']));
    await key('j');
    await key('J', { shiftKey: true });
    expect(sent.at(-1)).toEqual({ type: 'move-in-queue', paperId: 'q2', beforeId: 'q1' });
    await waitFor(() => expect(rowIds()).toEqual(['q3', 'q2', 'q1']));
    await waitFor(() => expect(row('q3').textContent).toContain('Next to read'));
    await key('J', { shiftKey: true });
    expect(sent.at(-1)).toEqual({ type: 'move-in-queue', paperId: 'q2' });
    await waitFor(() => expect(rowIds()).toEqual(['q3', 'q1', 'q2']));
    await key('K', { shiftKey: true });
    await waitFor(() => expect(rowIds()).toEqual(['q3', 'q2', 'q1']));
    await key('K', { shiftKey: true });
    await waitFor(() => expect(rowIds()).toEqual(['q2', 'q3', 'q1']));
    expect(row('q2').className).toContain('focused');
    const moves = sent.length;
    await key('K', { shiftKey: true });
    expect(sent).toHaveLength(moves);
  });
});
