import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { db } from '../../lib/db';
import { parseRoute } from '../../lib/library-view';
import { useLibraryStore } from '../../components/library/library-store';
import { PAGE } from '../../components/library/use-listed-ids';
import { ROW_HEIGHT } from '../../components/Library';
import { paper, renderLibrary, row, rowIds, seed, sent, setUpLibraryTests, statusOf } from './library-harness';

setUpLibraryTests();

const searchBox = () => screen.getByRole('searchbox', { name: 'Search library' }) as HTMLInputElement;
const type = (text: string) => act(async () => void fireEvent.change(searchBox(), { target: { value: text } }));
const listCount = () => screen.getByTestId('list-count').textContent;
const openFilters = () => act(async () => void fireEvent.click(screen.getByRole('button', { name: /^Filters/ })));
const filters = () => within(screen.getByRole('form', { name: 'Filters' }));
const DAY = 86_400_000;

/** Papers with text to search and fields to filter on, all in the Inbox unless said. */
async function seedSearchable() {
  await db.papers.bulkPut([
    paper('a', {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      abstract: 'The dominant sequence transduction models are based on recurrent networks.',
      ids: { arxiv: '1706.03762' },
      year: 2017,
      venue: 'NeurIPS',
      tags: ['nlp', 'classic'],
      lastSeenAt: 30,
      addedAt: new Date(2026, 0, 10).getTime(),
      sightings: [{ url: 'https://arxiv.org/list/cs.CL/new', site: 'arxiv', at: 30 }],
    }),
    paper('b', {
      title: 'Denoising Diffusion Probabilistic Models',
      authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
      abstract: 'We present high quality image synthesis results using diffusion probabilistic models, a transduction of noise.',
      year: 2020,
      venue: 'NeurIPS',
      tags: ['vision'],
      lastSeenAt: 20,
      addedAt: new Date(2026, 5, 1).getTime(),
      sightings: [{ url: 'https://huggingface.co/papers/trending', site: 'huggingface', at: 20 }],
    }),
    paper('c', {
      title: 'Kernel Methods in Machine Learning',
      authors: ['Bernhard Schölkopf', 'Alexander Smola'],
      abstract: 'A review of positive definite kernels.',
      year: 2008,
      venue: 'Annals of Statistics',
      tags: ['classic'],
      status: 'saved',
      lastSeenAt: 10,
      addedAt: new Date(2026, 10, 20).getTime(),
      sightings: [{ url: 'https://dblp.org/pid/s/BernhardScholkopf.html', site: 'dblp', at: 10 }],
    }),
    paper('d', { title: 'Untitled notes', authors: [], lastSeenAt: 5, note: 'compare with the transduction paper' }),
  ]);
}

describe('Library: search', () => {
  it('finds a paper by a word of its abstract, marks the match, and keeps the search in the hash', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await type('recurrent');
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    expect(listCount()).toBe('1 result');
    await waitFor(() => expect(within(within(row('a')).getByTestId('snippet')).getByTestId('match').textContent).toBe('recurrent'));
    expect(parseRoute(location.hash)).toMatchObject({ view: 'all', q: 'recurrent' });
    // Clearing the search lists the view again.
    await type('');
    await waitFor(() => expect(rowIds()).toEqual(['a', 'b', 'c', 'd']));
  });

  it('finds a paper by its pasted arXiv id or URL', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await type('https://arxiv.org/abs/1706.03762v5');
    await waitFor(() => expect(rowIds()).toEqual(['a']));
  });

  it('ranks title matches above abstract and note matches, and marks words without accents', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await type('transduction');
    // A note and two abstracts mention it: a note weighs more than an abstract, then recency decides.
    await waitFor(() => expect(rowIds()).toEqual(['d', 'a', 'b']));
    await waitFor(() => expect(within(row('d')).getByTestId('snippet').textContent).toBe('compare with the transduction paper'));
    await type('diffusion');
    await waitFor(() => expect(rowIds()).toEqual(['b']));
    await waitFor(() => expect(within(row('b')).getAllByTestId('match').map((m) => m.textContent)).toEqual(['Diffusion']));
    await type('scholkopf');
    await waitFor(() => expect(rowIds()).toEqual(['c']));
    await waitFor(() => expect(within(row('c')).getByTestId('match').textContent).toBe('Schölkopf'));
  });

  it('searches within the current view', async () => {
    await seedSearchable();
    await renderLibrary('#view=saved');
    await type('kernel');
    await waitFor(() => expect(rowIds()).toEqual(['c']));
    await type('diffusion');
    await waitFor(() => expect(screen.getByTestId('empty-view').textContent).toContain('No papers in Saved match “diffusion”'));
  });

  it('follows writes: a paper triaged out of the Inbox leaves the search results', async () => {
    await seedSearchable();
    await renderLibrary('#view=inbox');
    await type('neurips');
    await waitFor(() => expect(rowIds()).toEqual(['a', 'b']));
    fireEvent.click(row('a'));
    await act(async () => void fireEvent.keyDown(document.body, { key: 's' }));
    await waitFor(() => expect(rowIds()).toEqual(['b']));
    expect(await statusOf('a')).toBe('saved');
  });

  it('/ focuses the search; Enter goes back to the list on its first row; t focuses the tag field', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await act(async () => void fireEvent.keyDown(document.body, { key: '/' }));
    expect(document.activeElement).toBe(searchBox());
    // Typed into the field, keys are text: "s" does not save.
    await act(async () => void fireEvent.keyDown(searchBox(), { key: 's' }));
    expect(sent).toEqual([]);
    await type('kernel');
    await waitFor(() => expect(rowIds()).toEqual(['c']));
    await act(async () => void fireEvent.keyDown(searchBox(), { key: 'Enter' }));
    expect(document.activeElement).toBe(screen.getByTestId('paper-list'));
    expect(row('c').className).toContain('focused');
    await act(async () => void fireEvent.keyDown(document.body, { key: 't' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tag for the selected papers' }));
  });
});

describe('Library: a list longer than one read', () => {
  const N = PAGE + 5;
  it('reads a page of a search at a time, more as it scrolls, and Select all selects every match', async () => {
    const many = Array.from({ length: N }, (_, i) => paper(`m${i}`, { title: `Common word ${i}`, lastSeenAt: i }));
    await db.papers.bulkPut([...many, paper('other', { title: 'Unrelated' })]);
    await renderLibrary('#view=all');
    await type('common');
    await waitFor(() => expect(listCount()).toBe(`${N.toLocaleString()} results`));
    // Best first: equal matches, most recently seen first.
    expect(rowIds()[0]).toBe(`m${N - 1}`);
    // The end of the list: read when scrolled to.
    const list = screen.getByTestId('paper-list');
    await act(async () => {
      list.scrollTop = N * ROW_HEIGHT;
      fireEvent.scroll(list);
    });
    await waitFor(() => expect(rowIds()).toContain('m0'));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Select all' })));
    await waitFor(() => expect(useLibraryStore.getState().selected.size).toBe(N));
    expect(screen.getByTestId('selected-count').textContent).toBe(`${N} of ${N} selected`);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Save selected' })));
    await waitFor(async () => expect(await db.papers.where('status').equals('saved').count()).toBe(N));
    expect(await statusOf('other')).toBe('inbox');
  });
});

describe('Library: filters and sort', () => {
  it('filters by tags, all of them or any, and writes the filters in the hash', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await openFilters();
    const tagField = filters().getByRole('combobox', { name: 'Filter by tag' });
    for (const tag of ['classic', 'nlp']) {
      fireEvent.change(tagField, { target: { value: tag } });
      await act(async () => void fireEvent.keyDown(tagField, { key: 'Enter' }));
    }
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeTruthy();
    await act(async () => void fireEvent.click(filters().getByRole('radio', { name: /any of them/ })));
    await waitFor(() => expect(rowIds()).toEqual(['a', 'c']));
    expect(parseRoute(location.hash).filters).toEqual({ tags: ['classic', 'nlp'], tagMode: 'any' });
    await act(async () => void fireEvent.click(filters().getByRole('button', { name: 'Remove tag filter classic' })));
    await waitFor(() => expect(rowIds()).toEqual(['a']));
  });

  it('filters by status, site, years, venue and date added', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    await openFilters();
    const f = filters();
    await act(async () => void fireEvent.click(f.getByRole('checkbox', { name: 'Saved' })));
    await waitFor(() => expect(rowIds()).toEqual(['c']));
    await act(async () => void fireEvent.click(f.getByRole('checkbox', { name: 'Saved' })));
    await waitFor(() => expect(rowIds()).toHaveLength(4));

    // The site list comes from what the library holds.
    await waitFor(() => expect(f.getByRole('option', { name: 'Hugging Face (1)' })).toBeTruthy());
    await act(async () => void fireEvent.change(f.getByRole('combobox', { name: 'Seen on' }), { target: { value: 'huggingface' } }));
    await waitFor(() => expect(rowIds()).toEqual(['b']));
    await act(async () => void fireEvent.change(f.getByRole('combobox', { name: 'Seen on' }), { target: { value: '' } }));

    const from = f.getByRole('textbox', { name: 'Year from' });
    // An unfinished year changes nothing yet.
    await act(async () => void fireEvent.change(from, { target: { value: '20' } }));
    expect((from as HTMLInputElement).value).toBe('20');
    await act(async () => void fireEvent.change(from, { target: { value: '2010' } }));
    await waitFor(() => expect(rowIds()).toEqual(['a', 'b']));
    await act(async () => void fireEvent.change(f.getByRole('textbox', { name: 'Year to' }), { target: { value: '2018' } }));
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    await act(async () => void fireEvent.click(f.getByRole('button', { name: 'Clear filters' })));
    await waitFor(() => expect(rowIds()).toHaveLength(4));

    await act(async () => void fireEvent.change(f.getByRole('combobox', { name: 'Venue' }), { target: { value: 'annals' } }));
    await waitFor(() => expect(rowIds()).toEqual(['c']));
    await act(async () => void fireEvent.click(f.getByRole('button', { name: 'Clear filters' })));

    await act(async () => void fireEvent.change(f.getByLabelText('Added from'), { target: { value: '2026-06-01' } }));
    await act(async () => void fireEvent.change(f.getByLabelText('Added to'), { target: { value: '2026-06-30' } }));
    await waitFor(() => expect(rowIds()).toEqual(['b']));
    expect(parseRoute(location.hash).filters).toEqual({ addedFrom: '2026-06-01', addedTo: '2026-06-30' });
  });

  it('reopens a view with its search, filters and sort from the hash', async () => {
    await seedSearchable();
    await db.papers.update('d', { lastSeenAt: Date.now() - 2 * DAY });
    await renderLibrary('#view=all&q=transduction&tag=classic&sort=title&order=asc');
    await waitFor(() => expect(rowIds()).toEqual(['a']));
    expect(searchBox().value).toBe('transduction');
    expect(useLibraryStore.getState().filters).toEqual({ tags: ['classic'] });
    expect((screen.getByRole('combobox', { name: 'Sort' }) as HTMLSelectElement).value).toBe('title');
  });

  it('sorts by title, year (papers without a year last) and date added, and reverses', async () => {
    await seedSearchable();
    await renderLibrary('#view=all');
    const sort = () => screen.getByRole('combobox', { name: 'Sort' });
    await act(async () => void fireEvent.change(sort(), { target: { value: 'title' } }));
    await waitFor(() => expect(rowIds()).toEqual(['a', 'b', 'c', 'd']));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /order; reverse/ })));
    await waitFor(() => expect(rowIds()).toEqual(['d', 'c', 'b', 'a']));
    await act(async () => void fireEvent.change(sort(), { target: { value: 'year' } }));
    await waitFor(() => expect(rowIds()).toEqual(['b', 'a', 'c', 'd']));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: /order; reverse/ })));
    await waitFor(() => expect(rowIds()).toEqual(['c', 'a', 'b', 'd']));
    await act(async () => void fireEvent.change(sort(), { target: { value: 'added' } }));
    await waitFor(() => expect(rowIds()).toEqual(['c', 'b', 'a', 'd']));
    expect(parseRoute(location.hash)).toMatchObject({ sort: 'added', order: 'desc' });
    // Relevance is offered only while searching.
    expect(within(sort()).queryByRole('option', { name: 'Relevance' })).toBeNull();
    await type('models');
    await waitFor(() => expect(within(sort()).getByRole('option', { name: 'Relevance' })).toBeTruthy());
  });
});

describe('Library: queue by dragging', () => {
  const dragTo = async (from: string, to: string, after: boolean) => {
    const target = row(to);
    vi.spyOn(target, 'getBoundingClientRect').mockReturnValue({ top: 0, height: 88, bottom: 88, left: 0, right: 300, width: 300, x: 0, y: 0, toJSON: () => ({}) });
    const dataTransfer = { setData: vi.fn(), effectAllowed: '', dropEffect: '' };
    // happy-dom's DragEvent drops clientY: a mouse event of the same type carries it.
    const dragEvent = (type: string) => {
      const e = new MouseEvent(type, { bubbles: true, cancelable: true, clientY: after ? 80 : 5 });
      Object.defineProperty(e, 'dataTransfer', { value: dataTransfer });
      return e;
    };
    await act(async () => void fireEvent(row(from), dragEvent('dragstart')));
    await act(async () => void fireEvent(target, dragEvent('dragover')));
    expect(target.className).toContain(after ? 'drop-after' : 'drop-before');
    await act(async () => void fireEvent(target, dragEvent('drop')));
  };

  it('moves a paper where it is dropped, before or after the row under it', async () => {
    await seed();
    await renderLibrary('#view=queue');
    await waitFor(() => expect(rowIds()).toEqual(['q2', 'q3', 'q1']));
    expect(row('q1').getAttribute('draggable')).toBe('true');
    await dragTo('q1', 'q2', false);
    expect(sent.at(-1)).toEqual({ type: 'move-in-queue', paperId: 'q1', beforeId: 'q2' });
    await waitFor(() => expect(rowIds()).toEqual(['q1', 'q2', 'q3']));
    await dragTo('q1', 'q3', true);
    expect(sent.at(-1)).toEqual({ type: 'move-in-queue', paperId: 'q1' });
    await waitFor(() => expect(rowIds()).toEqual(['q2', 'q3', 'q1']));
  });

  it('offers no dragging where the list is not the queue in reading order', async () => {
    await seed();
    await renderLibrary('#view=queue&sort=seen');
    await waitFor(() => expect(rowIds()).toEqual(['q1', 'q3', 'q2']));
    expect(row('q1').getAttribute('draggable')).toBeNull();
  });
});
