import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import type { PaperRecord, Status } from '@/lib/paper';
import type { TabPapersResponse } from '@/lib/messages';
import { currentTabId, injectDetector, openLibrary, requestStatus, tabPapers } from '@/lib/ui';
import { startOfDay } from '@/lib/paper-state';
import { PaperItem } from './PaperItem';
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

export function Popup() {
  const { tab, loaded } = useTabPapers();
  const [windowId, setWindowId] = useState<number>();
  const { busy, error, setBusy, setError } = useUiStore();
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);

  const recordIds = tab?.recordIds ?? [];
  const papers = useLiveQuery(
    async () => (await db.papers.bulkGet(recordIds)).filter((p): p is PaperRecord => !!p),
    [recordIds.join(',')],
  );
  const inboxCount = useLiveQuery(() => db.papers.where('status').equals('inbox').count(), []);

  const untriaged = (papers ?? []).filter((p) => p.status === 'inbox');
  const firstSeenToday = (papers ?? []).filter((p) => p.addedAt >= startOfDay()).length;

  const apply = async (ids: string[], status: Status) => {
    setBusy(true);
    setError(undefined);
    const res = await requestStatus(ids, status).catch((e: unknown) => ({ ok: false as const, error: String(e) }));
    if (!res.ok) setError(res.error);
    setBusy(false);
  };

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
          </div>
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
      <footer>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </footer>
    </main>
  );
}
