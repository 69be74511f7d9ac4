import { useEffect, useState } from 'react';
import { useLibraryCounts } from './library/use-counts';
import type { TabPapersResponse } from '@/lib/messages';
import { currentTabId, injectDetector, openLibrary, tabPapers } from '@/lib/ui';

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

/**
 * The popup's first frame needs no database: the tab's answer comes from its content script and the
 * inbox count from storage.local. The parts that read the library (the tab's papers, the queue's
 * head) load with Dexie just after, so opening the popup never waits for the database code.
 */
const loadLibraryParts = () => import('./popup/library-parts');
type LibraryParts = Awaited<ReturnType<typeof loadLibraryParts>>;

/** The library parts once loaded. (Not React.lazy: Suspense holds revealed content back up to 300 ms.) */
function useLibraryParts(): LibraryParts | undefined {
  const [parts, setParts] = useState<LibraryParts>();
  useEffect(() => {
    let live = true;
    void loadLibraryParts().then((m) => live && setParts(m));
    return () => {
      live = false;
    };
  }, []);
  return parts;
}

export function Popup() {
  const { tab, loaded } = useTabPapers();
  const [windowId, setWindowId] = useState<number>();
  useEffect(() => {
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, []);
  // Counted by the background after its writes: counting 35,000 inbox papers here would take most of a second.
  const counts = useLibraryCounts();
  const inboxCount = counts?.status.inbox;
  const parts = useLibraryParts();
  const looking = <p className="empty">Looking at this page…</p>;

  return (
    <main className="popup">
      <header className="bar">
        <h1>Sift</h1>
        <button type="button" onClick={() => void openLibrary(windowId)} title="Open the library in the side panel">
          Open library
        </button>
      </header>
      {!loaded ? (
        looking
      ) : !tab || (tab.recordIds.length === 0 && tab.pending === 0) ? (
        <p className="empty" data-testid="empty-state">
          No papers found on this page.
          {inboxCount ? ` ${inboxCount} papers wait in your inbox.` : ''}
        </p>
      ) : parts ? (
        <parts.TabPapers tab={tab} />
      ) : (
        looking
      )}
      {parts && <parts.QueueHead queued={counts?.status.queued} />}
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
