import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import type { EditResponse, Request } from '../../lib/messages';
import type { PaperRecord } from '../../lib/paper';
import { TagManager } from '../../components/library/TagManager';
import { answerLikeBackground } from './background-double';

type Spy = ReturnType<typeof answerLikeBackground>;

const sent = (spy: Spy): Request[] => spy.mock.calls.map((call) => call[0] as unknown as Request);

/** What the background answered to the request sent at `index`. */
const answered = (spy: Spy, index: number) => spy.mock.results[index]!.value as Promise<EditResponse>;

function paper(id: string, tags: string[]): PaperRecord {
  return { id, keys: [`arxiv:2401.0000${id.slice(1)}`], ids: {}, title: `Paper ${id}`, authors: ['A B'], status: 'inbox', tags, addedAt: 1, lastSeenAt: 1, sightings: [] };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await Promise.all([db.papers.clear(), db.tags.clear(), db.trash.clear()]);
  await db.papers.bulkPut([paper('p1', ['ml', 'nlp']), paper('p2', ['ml']), paper('p3', ['vision', 'ml'])]);
  await db.tags.bulkPut([{ name: 'ml', color: '#ff0000' }, { name: 'unused', color: '#00ff00' }]);
});

const row = (tag: string) => screen.getAllByTestId('tag-row').find((r) => r.dataset.tag === tag);

async function open(onClose = vi.fn()) {
  render(<TagManager onClose={onClose} />);
  await waitFor(() => expect(screen.getAllByTestId('tag-row')).toHaveLength(3));
  return onClose;
}

describe('TagManager', () => {
  it('lists every tag in use with its count and colour', async () => {
    answerLikeBackground();
    const onClose = await open();
    expect(screen.getByRole('heading', { name: 'Tags' })).toBeTruthy();
    const rows = screen.getAllByTestId('tag-row');
    expect(rows.map((r) => r.dataset.tag)).toEqual(['ml', 'nlp', 'vision']);
    expect(within(row('ml')!).getByText('3 papers')).toBeTruthy();
    expect(within(row('nlp')!).getByText('1 paper')).toBeTruthy();
    expect((within(row('ml')!).getByLabelText('Colour of tag ml') as HTMLInputElement).value).toBe('#ff0000');
    expect((within(row('ml')!).getByRole('button', { name: 'No colour for tag ml' }) as HTMLButtonElement).disabled).toBe(false);
    expect((within(row('nlp')!).getByRole('button', { name: 'No colour for tag nlp' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Close tag manager' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('renames a tag, and Undo sends back what the background answered as before', async () => {
    const spy = answerLikeBackground();
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Rename tag nlp' }));
    const input = screen.getByLabelText('New name for “nlp”');
    fireEvent.change(input, { target: { value: ' language ' } });
    expect(screen.getByTestId('rename-hint').textContent).toBe('Renaming onto a tag that already exists merges the two.');
    expect(screen.getByRole('button', { name: 'Rename' })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rename' })));
    expect(sent(spy)).toEqual([{ type: 'rename-tag', from: 'nlp', to: 'language' }]);
    await waitFor(() => expect(row('language')).toBeTruthy());
    expect(row('nlp')).toBeUndefined();
    expect(screen.getByRole('status').textContent).toContain('Renamed “nlp” to “language”.');

    const before = (await answered(spy, 0)) as Extract<EditResponse, { ok: true }>;
    expect(before.before).toEqual([expect.objectContaining({ id: 'p1', tags: ['ml', 'nlp'] })]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(sent(spy)[1]).toEqual({ type: 'restore', patches: before.before });
    await waitFor(() => expect(row('nlp')).toBeTruthy());
    expect(row('language')).toBeUndefined();
    expect((await db.papers.get('p1'))!.tags).toEqual(['ml', 'nlp']);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Undone.');
  });

  it('says that renaming onto an existing tag merges them, and merges', async () => {
    const spy = answerLikeBackground();
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Rename tag vision' }));
    fireEvent.change(screen.getByLabelText('New name for “vision”'), { target: { value: 'nlp' } });
    expect(screen.getByTestId('rename-hint').textContent).toBe('“nlp” already exists: the two tags will be merged into “nlp”.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Merge' })));
    expect(sent(spy)).toEqual([{ type: 'rename-tag', from: 'vision', to: 'nlp' }]);
    await waitFor(() => expect(screen.getAllByTestId('tag-row')).toHaveLength(2));
    expect(within(row('nlp')!).getByText('2 papers')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Merged “vision” into “nlp”.');
  });

  it('undoing the rename of a coloured tag also gives it its colour back', async () => {
    const spy = answerLikeBackground();
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Rename tag ml' }));
    fireEvent.change(screen.getByLabelText('New name for “ml”'), { target: { value: 'machine learning' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rename' })));
    await waitFor(() => expect(row('machine learning')).toBeTruthy());
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    const before = (await answered(spy, 0)) as Extract<EditResponse, { ok: true }>;
    await waitFor(() =>
      expect(sent(spy).slice(1)).toEqual([
        { type: 'restore', patches: before.before },
        { type: 'tag-color', tag: 'ml', color: '#ff0000' },
      ]),
    );
    await waitFor(() => expect((within(row('ml')!).getByLabelText('Colour of tag ml') as HTMLInputElement).value).toBe('#ff0000'));
    expect((await db.tags.get('ml'))?.color).toBe('#ff0000');
  });

  it('deletes a tag only after confirming, and can undo it', async () => {
    const spy = answerLikeBackground();
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Delete tag vision' }));
    const confirm = screen.getByRole('group', { name: 'Confirm deleting tag vision' });
    expect(confirm.textContent).toContain('Remove “vision” from 1 paper?');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Confirm deleting tag vision' })).toBeNull();
    expect(spy).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete tag vision' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete “vision”' })));
    expect(sent(spy)).toEqual([{ type: 'delete-tag', tag: 'vision' }]);
    await waitFor(() => expect(row('vision')).toBeUndefined());
    expect((await db.papers.get('p3'))!.tags).toEqual(['ml']);
    expect(screen.getByRole('status').textContent).toContain('Deleted “vision” from 1 paper.');

    const before = (await answered(spy, 0)) as Extract<EditResponse, { ok: true }>;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(sent(spy)[1]).toEqual({ type: 'restore', patches: before.before });
    await waitFor(() => expect(row('vision')).toBeTruthy());
    expect((await db.papers.get('p3'))!.tags).toEqual(['vision', 'ml']);
  });

  it('sets a colour from the picker and removes it with No colour', async () => {
    const spy = answerLikeBackground();
    await open();
    await act(async () => fireEvent.change(within(row('nlp')!).getByLabelText('Colour of tag nlp'), { target: { value: '#1a73e8' } }));
    expect(sent(spy)).toEqual([{ type: 'tag-color', tag: 'nlp', color: '#1a73e8' }]);
    await waitFor(async () => expect((await db.tags.get('nlp'))?.color).toBe('#1a73e8'));
    await waitFor(() => expect((within(row('nlp')!).getByRole('button', { name: 'No colour for tag nlp' }) as HTMLButtonElement).disabled).toBe(false));

    await act(async () => fireEvent.click(within(row('ml')!).getByRole('button', { name: 'No colour for tag ml' })));
    expect(sent(spy)[1]).toEqual({ type: 'tag-color', tag: 'ml' });
    await waitFor(async () => expect(await db.tags.get('ml')).toBeUndefined());
    await waitFor(() => expect((within(row('ml')!).getByRole('button', { name: 'No colour for tag ml' }) as HTMLButtonElement).disabled).toBe(true));
  });

  it('shows a refused request in an alert and keeps the tag', async () => {
    const spy = answerLikeBackground((msg) => (msg.type === 'rename-tag' ? { ok: false, error: 'Could not write to the library: disk full' } : undefined));
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Rename tag nlp' }));
    fireEvent.change(screen.getByLabelText('New name for “nlp”'), { target: { value: 'language' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rename' })));
    expect(sent(spy)).toEqual([{ type: 'rename-tag', from: 'nlp', to: 'language' }]);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not write to the library: disk full');
    expect(row('nlp')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect((await db.papers.get('p1'))!.tags).toEqual(['ml', 'nlp']);
  });
});
