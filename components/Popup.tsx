import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLibraryCounts } from './library/use-counts';
import { db } from '@/lib/db';
import type { PaperPatch, PaperRecord, Status } from '@/lib/paper';
import type { TabPapersResponse } from '@/lib/messages';
import { currentTabId, injectDetector, openLibrary, tabPapers } from '@/lib/ui';
import { library } from '@/lib/library-requests';
import { startOfDay } from '@/lib/paper-state';
import { PaperItem } from './PaperItem';
import { QueueHead } from './popup/QueueHead';
import { UndoBar } from './popup/UndoBar';
import { useUiStore } from './ui-store';

const REFRESH_MS = 1_500;

/** Ask the tab's content script what it holds, again while the popup is open (pages add entries late). */
function useTabPapers(): { tab: TabPapersResponse | undefined; loaded: boolean } {
  const [tab, setTab] = useState<TabPapersResponse | undefined>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    let injected = false;
    const refresh = async () => {
      const tabId = await currentTabId();
      let answer = tabId === undefined ? undefined : await tabPapers(tabId);
      // No content script: a page of another site. Run the generic detectors there, once.
      if (tabId !== undefined && !answer && !injected) {
        injected = true;
        if (await injectDetector(tabId)) answer = await tabPapers(tabId);
      }
      if (stop) return;
      setTab((old) => (JSON.stringify(old) === JSON.stringify(answer) ? old : answer));
      setLoaded(true);
      timer = setTimeout(refresh, REFRESH_MS);
    };
    void refresh();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);
  return { tab, loaded };
}

const plural = (n: number) => (n === 1 ? '1 paper' : `${n} papers`);
const DONE: Partial<Record<Status, string>> = { saved: 'Saved', queued: 'Queued' };

/** The last change made from the popup, kept so it can be undone. */
interface LastAction {
  message: string;
  before: PaperPatch[];
}

/**
 * The popup reads the database with indexed queries only (this tab's records by id, the queue's
 * head by `queuePos`, counts on `status`), so it opens as fast with 50,000 papers as with 50.
 */
export function Popup() {
  const { tab, loaded } = useTabPapers();
  const [windowId, setWindowId] = useState<number>();
  const [last, setLast] = useState<LastAction>();
  const { busy, error, setBusy, setError } = useUiStore();
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);

  const recordIds = tab?.recordIds ?? [];
  const papers = useLiveQuery(
    async () => (await db.papers.bulkGet(recordIds)).filter((p): p is PaperRecord => !!p),
    [recordIds.join(',')],
  );
  // Counted by the background after its writes: counting 35,000 inbox papers here would take most of a second.
  const inboxCount = useLibraryCounts()?.status.inbox;

  const untriaged = (papers ?? []).filter((p) => p.status === 'inbox');
  const firstSeenToday = (papers ?? []).filter((p) => p.addedAt >= startOfDay()).length;

  /** One request to the background; its answer's `before` makes the Undo. */
  const run = async (request: () => ReturnType<typeof library.setStatus>, message?: (changed: number) => string) => {
    setBusy(true);
    setError(undefined);
    const res = await request();
    if (!res.ok) setError(res.error);
    else setLast(message && res.before.length > 0 ? { message: message(res.changed), before: res.before } : undefined);
    setBusy(false);
  };
  const apply = (ids: string[], status: Status) =>
    run(
      () => library.setStatus(ids, status),
      (changed) => `${DONE[status] ?? 'Changed'} ${plural(changed)}.`,
    );
  const undo = (action: LastAction) => run(() => library.restore(action.before));

  return (
    <main className="popup">
      <header className="bar">
        <h1>Sift</h1>
        <button type="button" onClick={() => void openLibrary(windowId)} title="Open the library in the side panel">
          Open library
        </button>
      </header>
      {!loaded ? (
        <p className="empty">Looking at this page…</p>
      ) : !tab || (recordIds.length === 0 && tab.pending === 0) ? (
        <p className="empty" data-testid="empty-state">
          No papers on this page. Sift reads arXiv listings, search and abstract pages, and Hugging Face Papers.
          {inboxCount ? ` ${inboxCount} papers wait in your inbox.` : ''}
        </p>
      ) : (
        <>
          <p className="summary" data-testid="tab-summary">
            {recordIds.length} papers on this page · {firstSeenToday} first seen today · {untriaged.length} to triage
            {tab.pending > 0 ? ` · ${tab.pending} still being stored` : ''}
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || untriaged.length === 0}
              onClick={() => void apply(untriaged.map((p) => p.id), 'saved')}
            >
              Save all new ({untriaged.length})
            </button>
            <button
              type="button"
              disabled={busy || untriaged.length === 0}
              onClick={() => void apply(untriaged.map((p) => p.id), 'queued')}
            >
              Queue all new ({untriaged.length})
            </button>
          </div>
          {last && <UndoBar message={last.message} busy={busy} onUndo={() => void undo(last)} />}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <ul className="papers" aria-label="Papers on this page">
            {(papers ?? []).map((p) => (
              <PaperItem key={p.id} paper={p} onSave={(id) => void apply([id], 'saved')} />
            ))}
          </ul>
        </>
      )}
      <QueueHead />
      <footer>
        <span className="inbox-count" data-testid="inbox-count">
          {inboxCount === undefined ? '' : `${inboxCount} in inbox`}
        </span>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}
