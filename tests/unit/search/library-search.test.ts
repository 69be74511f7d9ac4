import { SiftDB } from '../../../lib/db';
import type { DetectedPaper } from '../../../lib/paper';
import { LibrarySearch } from '../../../lib/search/library-search';
import { deletePapers, editTags, setNote, setStatus, storeDetected, undoDelete } from '../../../lib/store';
import { effectiveSort } from '../../../lib/library-view';
import { viewHead, viewIds } from '../../../components/library/queries';

let db: SiftDB;
let n = 0;
beforeEach(() => {
  db = new SiftDB(`sift-search-${++n}`);
});
afterEach(() => db.delete());

const paper = (title: string, arxiv: string, abstract?: string): DetectedPaper => ({ title, authors: ['Ann Smith'], ids: { arxiv }, ...(abstract ? { abstract } : {}) });
const sighting = { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', at: 1_000 };
/** What the side panel's list would show for a search over All. */
const searchAll = (s: LibrarySearch, q: string) => s.list({ view: 'all', q, filters: {}, sort: 'relevance', order: 'desc' });
const found = (s: LibrarySearch, q: string) => searchAll(s, q).ids;

describe('LibrarySearch', () => {
  it('lists every view in the same order as IndexedDB, ties included, so a list does not jump when the worker takes it over', async () => {
    // One page stores its papers at one moment: all of them tie on lastSeenAt.
    const entries = Array.from({ length: 30 }, (_, i) => paper(`Paper number ${i}`, `2401.${String(10_000 + i)}`));
    const { recordIds } = await storeDetected(db, entries, sighting);
    await setStatus(db, recordIds.slice(0, 5), 'queued', 2_000);
    await editTags(db, recordIds.slice(3, 12), ['ml'], []);
    const search = new LibrarySearch(db);
    await search.build();
    for (const view of ['inbox', 'queue', 'all', 'tag:ml'] as const) {
      const { sort, order } = effectiveSort({ view });
      const ids = await viewIds(db, view);
      expect(search.list({ view, filters: {}, sort, order }).ids, view).toEqual(ids);
      // The first rows' quick read agrees with the whole list.
      expect(await viewHead(db, view, 7), view).toEqual(ids.slice(0, 7));
    }
  });

  it('builds from the library, reporting progress, then finds papers by any word', async () => {
    const { recordIds } = await storeDetected(db, [paper('Attention Is All You Need', '1706.03762', 'Recurrent networks replaced.'), paper('GPipe', '1811.06965')], sighting);
    const search = new LibrarySearch(db);
    expect(searchAll(search, 'attention')).toEqual({ ids: [], total: 0, complete: false });
    const progress = vi.fn();
    await search.build(progress);
    expect(progress).toHaveBeenLastCalledWith(2, 2);
    expect(searchAll(search, 'recurrent')).toEqual({ complete: true, ids: [recordIds[0]], total: 1 });
  });

  it('catches up with later writes: new papers, edits, deletes and undone deletes', async () => {
    const clock = { t: 10_000 };
    const now = () => clock.t;
    const first = await storeDetected(db, [paper('Attention Is All You Need', '1706.03762')], sighting);
    const search = new LibrarySearch(db);
    await search.build(undefined, now);

    const later = await storeDetected(db, [paper('Mixture of Experts', '1701.06538')], { ...sighting, at: 20_000 });
    await editTags(db, first.recordIds, ['transformers'], []);
    await setNote(db, first.recordIds[0]!, 'read with the annotated version');
    clock.t = Date.now();
    await search.catchUp(now);
    expect(found(search, 'experts')).toEqual(later.recordIds);
    expect(found(search, 'transformers annotated')).toEqual(first.recordIds);

    const { token } = await deletePapers(db, later.recordIds, Date.now());
    clock.t = Date.now() + 1;
    await search.catchUp(now);
    expect(found(search, 'experts')).toEqual([]);
    await undoDelete(db, token);
    clock.t = Date.now() + 2;
    await search.catchUp(now);
    expect(found(search, 'experts')).toEqual(later.recordIds);
  });
});
