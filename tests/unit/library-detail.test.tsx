import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import type { Request } from '../../lib/messages';
import type { PaperRecord } from '../../lib/paper';
import { PaperDetail } from '../../components/library/PaperDetail';
import { answerLikeBackground } from './background-double';


function sent(spy: ReturnType<typeof answerLikeBackground>): Request[] {
  return spy.mock.calls.map((call) => call[0] as unknown as Request);
}

const T = Date.UTC(2025, 2, 14, 9, 30);

function record(over: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: 'p1',
    keys: ['arxiv:2401.01234'],
    ids: { arxiv: '2401.01234', doi: '10.1000/xyz.42', openreview: 'AbC123', pmid: '31415926' },
    title: 'Attention <img src=x onerror=alert(1)> is enough',
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    authorsTruncated: true,
    abstract: 'We show that <script>alert(1)</script> attention suffices.',
    venue: 'NeurIPS',
    year: 2024,
    pdfUrl: 'https://example.org/paper.pdf',
    status: 'inbox',
    tags: [],
    addedAt: T,
    lastSeenAt: T,
    sightings: [
      { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', at: T - 86_400_000 },
      { url: 'https://huggingface.co/papers', site: 'huggingface', at: T },
    ],
    ...over,
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  await Promise.all([db.papers.clear(), db.tags.clear(), db.trash.clear()]);
});

async function show(rec: PaperRecord | undefined = record(), onClose = vi.fn()) {
  if (rec) await db.papers.put(rec);
  const view = render(<PaperDetail paperId={rec?.id ?? 'p1'} onClose={onClose} />);
  if (rec) await screen.findByRole('heading', { level: 2, name: rec.title });
  return view;
}

describe('PaperDetail', () => {
  it('shows every field as text, and every identifier, the PDF and each sighting as a safe link', async () => {
    answerLikeBackground();
    await show();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.getByTestId('detail-authors').textContent).toBe('Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra …and more');
    expect(screen.getByTestId('detail-venue').textContent).toBe('NeurIPS · 2024');
    expect(screen.getByText('We show that <script>alert(1)</script> attention suffices.')).toBeTruthy();

    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://arxiv.org/abs/2401.01234',
      'https://arxiv.org/pdf/2401.01234',
      'https://doi.org/10.1000/xyz.42',
      'https://openreview.net/forum?id=AbC123',
      'https://pubmed.ncbi.nlm.nih.gov/31415926/',
      'https://example.org/paper.pdf',
      // Sightings, most recent first.
      'https://huggingface.co/papers',
      'https://arxiv.org/list/cs.LG/new',
    ]);
    for (const a of document.querySelectorAll('a')) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }

    const sightings = screen.getAllByTestId('sighting');
    expect(sightings).toHaveLength(2);
    expect(sightings[0]!.textContent).toContain('huggingface');
    expect(sightings[0]!.querySelector('time')!.getAttribute('datetime')).toBe(new Date(T).toISOString());
    expect(sightings[0]!.querySelector('time')!.textContent).toBe(new Date(T).toLocaleString());
    expect(sightings[1]!.textContent).toContain('arxiv');
  });

  it('never makes a link of a javascript: URL', async () => {
    answerLikeBackground();
    await show(
      record({
        ids: {},
        pdfUrl: 'javascript:alert(1)',
        sightings: [{ url: 'javascript:alert(2)', site: 'generic', at: T }],
      }),
    );
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull();
    expect(screen.getByText('javascript:alert(2)').closest('a')).toBeNull();
    expect(document.querySelectorAll('a')).toHaveLength(0);
  });

  it('links an old-style arXiv id and leaves kinds without a page as text', async () => {
    answerLikeBackground();
    await show(record({ ids: { arxiv: 'hep-th/9901001', pmlr: 'smith24a' }, pdfUrl: undefined, sightings: [] }));
    expect(screen.getByRole('link', { name: 'arXiv: hep-th/9901001' }).getAttribute('href')).toMatch(/^https:\/\/arxiv\.org\/abs\/hep-th\/9901001$/);
    expect(screen.getByRole('link', { name: 'arXiv PDF: hep-th/9901001' }).getAttribute('href')).toBe('https://arxiv.org/pdf/hep-th/9901001');
    expect(screen.getByText('smith24a').closest('a')).toBeNull();
    expect(screen.getByText('No sightings recorded.')).toBeTruthy();
  });

  it('sets the status through the background and shows the new one pressed', async () => {
    const spy = answerLikeBackground();
    await show();
    const group = screen.getByRole('group', { name: 'Status' });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Inbox', 'Save', 'Queue', 'Reading', 'Read', 'Skip']);
    expect(within(group).getByRole('button', { name: 'Inbox' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(group).getByRole('button', { name: 'Queue' }).getAttribute('aria-pressed')).toBe('false');

    await act(async () => fireEvent.click(within(group).getByRole('button', { name: 'Queue' })));
    expect(sent(spy)).toContainEqual({ type: 'set-status', paperIds: ['p1'], status: 'queued' });
    await waitFor(() => expect(within(group).getByRole('button', { name: 'Queue' }).getAttribute('aria-pressed')).toBe('true'));
    expect(within(group).getByRole('button', { name: 'Inbox' }).getAttribute('aria-pressed')).toBe('false');
    expect((await db.papers.get('p1'))!.status).toBe('queued');

    await act(async () => fireEvent.click(within(group).getByRole('button', { name: 'Skip' })));
    expect(sent(spy)).toContainEqual({ type: 'set-status', paperIds: ['p1'], status: 'skipped' });
    await waitFor(() => expect(within(group).getByRole('button', { name: 'Skip' }).getAttribute('aria-pressed')).toBe('true'));
  });

  it('adds a tag on Enter, offers known tags, and removes a tag', async () => {
    const spy = answerLikeBackground();
    await db.papers.put(record({ id: 'p2', keys: ['arxiv:2401.09999'], ids: { arxiv: '2401.09999' }, title: 'Other', tags: ['vision', 'ml'] }));
    await show(record({ tags: ['ml'] }));
    expect(sent(spy)).toContainEqual({ type: 'list-tags' });
    // Autocomplete: known tags not already on this paper.
    await waitFor(() => expect([...document.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['vision']));

    const input = screen.getByLabelText('Add a tag') as HTMLInputElement;
    expect(input.getAttribute('list')).toBe(document.querySelector('datalist')!.id);
    fireEvent.change(input, { target: { value: '  deep   learning ' } });
    await act(async () => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(sent(spy)).toContainEqual({ type: 'edit-tags', paperIds: ['p1'], add: ['deep learning'], remove: [] });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove tag deep learning' })).toBeTruthy());
    expect(input.value).toBe('');
    expect((await db.papers.get('p1'))!.tags).toEqual(['ml', 'deep learning']);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove tag ml' })));
    expect(sent(spy)).toContainEqual({ type: 'edit-tags', paperIds: ['p1'], add: [], remove: ['ml'] });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove tag ml' })).toBeNull());
    expect((await db.papers.get('p1'))!.tags).toEqual(['deep learning']);
  });

  it('saves a plain-text note and shows it with its line breaks', async () => {
    const spy = answerLikeBackground();
    await show();
    const box = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'first <b>line</b>\nsecond line' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save note' })));
    expect(sent(spy)).toContainEqual({ type: 'set-note', paperId: 'p1', note: 'first <b>line</b>\nsecond line' });
    const shown = await screen.findByTestId('detail-note');
    expect(shown.querySelectorAll('br')).toHaveLength(1);
    expect(shown.querySelector('b')).toBeNull();
    expect(shown.textContent).toBe('first <b>line</b>second line');
    expect((await db.papers.get('p1'))!.note).toBe('first <b>line</b>\nsecond line');

    // Editing again starts from the saved text; an empty note clears it.
    fireEvent.click(screen.getByRole('button', { name: 'Edit note' }));
    const again = screen.getByRole('textbox', { name: 'Note' }) as HTMLTextAreaElement;
    expect(again.value).toBe('first <b>line</b>\nsecond line');
    fireEvent.change(again, { target: { value: '' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save note' })));
    expect(sent(spy)).toContainEqual({ type: 'set-note', paperId: 'p1', note: '' });
    await waitFor(() => expect(screen.queryByTestId('detail-note')).toBeNull());
    expect((await db.papers.get('p1'))!.note).toBeUndefined();
  });

  it('sets a rating, and clicking the current one clears it', async () => {
    const spy = answerLikeBackground();
    await show();
    expect(screen.getByTestId('detail-rating').textContent).toBe('Not rated');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rate 4 of 5' })));
    expect(sent(spy)).toContainEqual({ type: 'set-rating', paperId: 'p1', rating: 4 });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rate 4 of 5' }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByTestId('detail-rating').textContent).toBe('Rated 4 of 5');
    expect((await db.papers.get('p1'))!.rating).toBe(4);

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rate 4 of 5' })));
    expect(sent(spy).at(-1)).toEqual({ type: 'set-rating', paperId: 'p1' });
    await waitFor(() => expect(screen.getByTestId('detail-rating').textContent).toBe('Not rated'));
    expect((await db.papers.get('p1'))!.rating).toBeUndefined();
  });

  it('shows a failed write in an alert and changes nothing', async () => {
    const spy = answerLikeBackground((msg) => (msg.type === 'set-status' ? { ok: false, error: 'Storage is full: free disk space' } : undefined));
    await show();
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(sent(spy)).toContainEqual({ type: 'set-status', paperIds: ['p1'], status: 'saved' });
    expect((await screen.findByRole('alert')).textContent).toBe('Storage is full: free disk space');
    expect(screen.getByRole('button', { name: 'Inbox' }).getAttribute('aria-pressed')).toBe('true');
    expect((await db.papers.get('p1'))!.status).toBe('inbox');

    // A later success clears the alert.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rate 2 of 5' })));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('shows an unreachable background in an alert', async () => {
    await db.papers.put(record());
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: Request) => {
      if (msg.type === 'list-tags') return { ok: true, tags: [] };
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    render(<PaperDetail paperId="p1" onClose={() => {}} />);
    await screen.findByRole('heading', { level: 2 });
    fireEvent.change(screen.getByLabelText('Add a tag'), { target: { value: 'x' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add tag' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not establish connection. Receiving end does not exist.');
    expect((screen.getByLabelText('Add a tag') as HTMLInputElement).value).toBe('x');
  });

  it('says so when the paper is deleted while shown, or was never there', async () => {
    answerLikeBackground();
    const onClose = vi.fn();
    await show(record(), onClose);
    await act(async () => {
      await db.papers.delete('p1');
    });
    expect(await screen.findByText('This paper is no longer in your library.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);

    render(<PaperDetail paperId="nope" onClose={() => {}} />);
    await waitFor(() => expect(screen.getAllByText('This paper is no longer in your library.')).toHaveLength(2));
  });

  it('closes with the Close button', async () => {
    answerLikeBackground();
    const onClose = vi.fn();
    await show(record(), onClose);
    fireEvent.click(screen.getByRole('button', { name: 'Close paper details' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
