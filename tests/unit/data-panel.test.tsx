import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import type { PaperRecord } from '../../lib/paper';
import { identityKeys } from '../../lib/ids';
import { parseBibtex } from '../../lib/import/bibtex';
import { DataPanel, fileKind } from '../../components/library/DataPanel';
import { backupText, makeBackup } from '../../lib/backup/backup';
import { DEFAULT_SETTINGS, loadSettings } from '../../lib/settings';
import { serveTransfer } from '../../lib/transfer';
import { connect } from './port-double';

const ORIGIN = 'chrome-extension://sift-id/';

/** runtime.connect answered by the real background side of the transfer, on the test's database. */
function backgroundServesTransfers() {
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation((() => {
    const { page, background } = connect({ url: `${ORIGIN}sidepanel.html` });
    void serveTransfer({ db, extensionOrigin: ORIGIN }, background);
    return page;
  }) as never);
}

const chooseFile = (name: string, text: string) =>
  act(async () => void fireEvent.change(screen.getByLabelText(/^File/), { target: { files: [new File([text], name)] } }));
const importIt = () => act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Import' })));

const ARXIV: Record<string, string> = { a: '2401.00001', b: '2401.00002', c: '2401.00003' };

function rec(id: string, over: Partial<PaperRecord> = {}): PaperRecord {
  const paper = { title: `Paper ${id}`, authors: ['Ada Lovelace'], ids: { arxiv: ARXIV[id] }, year: 2024, ...over };
  return { id, keys: identityKeys(paper), status: 'inbox', tags: [], addedAt: 1, lastSeenAt: 1, sightings: [], ...paper };
}

let clipboard: string | undefined;
let blobs: Blob[];
let names: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  localStorage.clear();
  await db.papers.clear();
  await db.papers.bulkPut([
    rec('a', { title: 'Attention Is All You Need', tags: ['nlp'] }),
    rec('b', { title: 'Deep Residual Learning', status: 'queued', queuePos: 2 }),
    rec('c', { title: 'Adam: A Method for Stochastic Optimization', status: 'queued', queuePos: 1, tags: ['nlp'] }),
  ]);
  clipboard = undefined;
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (clipboard = t) } });
  blobs = [];
  names = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:sift-test';
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
});

afterEach(() => vi.restoreAllMocks());

function titlesOf(bib: string): string[] {
  const parsed = parseBibtex(bib);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.problems).toEqual([]);
  return parsed.entries.map((e) => e.title);
}

function renderPanel(selected: string[] = []) {
  render(<DataPanel listLabel="Inbox" listCount={3} listIds={async () => ['a', 'b', 'c']} selected={selected} tags={['nlp']} onClose={() => {}} />);
}

describe('DataPanel: export', () => {
  it('copies this list as BibTeX, in list order', async () => {
    renderPanel();
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Copy Inbox as BibTeX' })));
    await waitFor(() => expect(screen.getByTestId('export-result').textContent).toBe('Copied 3 papers as BibTeX.'));
    expect(titlesOf(clipboard!)).toEqual(['Attention Is All You Need', 'Deep Residual Learning', 'Adam: A Method for Stochastic Optimization']);
  });

  it('downloads the selection, a tag or the queue, in the chosen format, named after it and the date', async () => {
    renderPanel(['b']);
    // With papers selected, the selection is what is exported first.
    expect((screen.getByRole('radio', { name: 'Selected papers (1)' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'markdown' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Download Inbox selection as Markdown' })));
    await waitFor(() => expect(names).toHaveLength(1));
    expect(names[0]).toMatch(/^sift-inbox-selection-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = await blobs[0]!.text();
    expect(markdown).toContain('[Deep Residual Learning]');
    expect(markdown).not.toContain('Attention');

    await act(async () => void fireEvent.click(screen.getByRole('radio', { name: 'The reading queue' })));
    fireEvent.change(screen.getByRole('combobox', { name: 'Format' }), { target: { value: 'bibtex' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Download Queue as BibTeX' })));
    await waitFor(() => expect(names).toHaveLength(2));
    expect(titlesOf(await blobs[1]!.text())).toEqual(['Adam: A Method for Stochastic Optimization', 'Deep Residual Learning']);

    await act(async () => void fireEvent.click(screen.getByRole('radio', { name: 'A tag' })));
    expect(within(screen.getByRole('combobox', { name: /Tag/ })).getByRole('option', { name: '#nlp' })).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Download nlp as BibTeX' })));
    await waitFor(() => expect(names).toHaveLength(3));
    expect(titlesOf(await blobs[2]!.text()).sort()).toEqual(['Adam: A Method for Stochastic Optimization', 'Attention Is All You Need']);
    // The format chosen last is remembered.
    expect(localStorage.getItem('sift:export-format')).toBe('bibtex');
  });

  it('says so when there is nothing to export, and when the clipboard refuses', async () => {
    render(<DataPanel listLabel="Read" listCount={0} listIds={async () => []} selected={[]} tags={[]} onClose={() => {}} />);
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Copy Read as BibTeX' })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Nothing to export: no papers here.'));
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new Error('Document is not focused.')) } });
    await act(async () => void fireEvent.click(screen.getByRole('radio', { name: 'The reading queue' })));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Copy Queue as BibTeX' })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Export failed: Document is not focused.'));
  });
});

describe('fileKind', () => {
  it('tells a backup, CSL-JSON and BibTeX apart', () => {
    expect(fileKind('sift-backup-2026-11-30.json', '  {"format":"sift-backup"')).toBe('restore');
    expect(fileKind('My Library.json', '[{"type":"article"}]')).toBe('csl-json');
    expect(fileKind('refs.bib', '{weird')).toBe('bibtex');
    expect(fileKind('scholar.txt', '@article{a, title={x}}')).toBe('bibtex');
  });
});

describe('DataPanel: restore and import', () => {
  it('imports BibTeX with a tag, merging a paper already here', async () => {
    backgroundServesTransfers();
    renderPanel();
    const bib = [
      '@article{vaswani2017, title={Attention Is All You Need}, author={Vaswani, Ashish}, year={2017}, eprint={2401.00001}, archivePrefix={arXiv}}',
      '@inproceedings{he2016, title={Deep Residual Learning for Image Recognition}, author={He, Kaiming and Zhang, Xiangyu}, booktitle={CVPR}, year={2016}}',
      '@misc{broken, author={Nobody}}',
    ].join('\n\n');
    await chooseFile('zotero.bib', bib);
    fireEvent.change(screen.getByRole('textbox', { name: /Tag the imported papers/ }), { target: { value: 'zotero' } });
    await importIt();
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toMatch(/^BibTeX: 1 added, 1 merged into papers already here, 1 skipped\./));
    expect(screen.getByTestId('import-result').textContent).toMatch(/missing title/i);
    expect((await db.papers.get('a'))!.tags).toEqual(['nlp', 'zotero']);
    const added = await db.papers.where('tags').equals('zotero').toArray();
    expect(added.map((p) => p.title).sort()).toEqual(['Attention Is All You Need', 'Deep Residual Learning for Image Recognition']);
  });

  it('restores a backup into an empty library, settings too when asked', async () => {
    backgroundServesTransfers();
    const text = backupText(await makeBackup(db, { ...DEFAULT_SETTINGS, triagedRows: 'hide' }));
    const before = await db.papers.toArray();
    await db.papers.clear();
    renderPanel();
    await chooseFile('sift-backup-2026-11-30.json', text);
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: /Also restore settings/ })));
    await importIt();
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toBe('Sift backup: 3 added, 0 merged into papers already here. Settings restored.'));
    const after = await db.papers.toArray();
    expect(after.map(({ updatedAt: _u, ...p }) => p)).toEqual(before.map(({ updatedAt: _u, ...p }) => p));
    expect((await loadSettings()).triagedRows).toBe('hide');
  });

  it('rejects a corrupt backup with what is wrong, and writes nothing', async () => {
    backgroundServesTransfers();
    renderPanel();
    await chooseFile('sift-backup.json', '{"format":"sift-backup","version":1,"papers":[{"id":');
    await importIt();
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toMatch(/^Nothing was imported: The backup could not be read: not JSON/));
    expect(screen.getByTestId('import-result').getAttribute('role')).toBe('alert');
    expect(await db.papers.count()).toBe(3);
  });
});
