// Extension-page helpers: talk to the background and to the current tab.
import type { Request, SetStatusResponse, TabPapersResponse } from './messages';
import type { Status } from './paper';

/** Ask the background (the only writer) to set the status of papers. */
export async function requestStatus(paperIds: string[], status: Status): Promise<SetStatusResponse> {
  return (await browser.runtime.sendMessage({ type: 'set-status', paperIds, status } satisfies Request)) as SetStatusResponse;
}

/** The tab the popup describes: `?tab=<id>` when given (tests, opened as a page), else the active tab. */
export async function currentTabId(search = location.search): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** What the tab's content script detected; undefined on pages Sift does not read. */
export async function tabPapers(tabId: number): Promise<TabPapersResponse | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, { type: 'tab-papers' } satisfies Request)) as TabPapersResponse | undefined;
  } catch {
    return undefined; // no content script on this page
  }
}

/**
 * Run Sift's detectors on a page no site adapter covers, after the user clicked the toolbar button
 * (activeTab grants this one tab). False where the browser refuses (chrome:// pages, the web store).
 */
export async function injectDetector(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Open the library in the side panel (Chrome) or sidebar (Firefox). Call it straight from a click
 * handler, with the window id looked up beforehand: browsers refuse it outside a user gesture.
 */
export async function openLibrary(windowId: number | undefined): Promise<void> {
  const b = browser as unknown as {
    sidePanel?: { open(o: { windowId: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (b.sidebarAction) return b.sidebarAction.open();
  if (b.sidePanel && windowId !== undefined) return b.sidePanel.open({ windowId });
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}

/** The library page, on one paper when given. */
export function libraryUrl(paperId?: string): string {
  return browser.runtime.getURL(paperId ? `/sidepanel.html#paper=${encodeURIComponent(paperId)}` : '/sidepanel.html');
}

/**
 * From the background, on a page's request: the side panel of that tab where the browser allows
 * it (Chrome, while the click's user gesture lasts), else the library in a new tab.
 */
export async function showInLibrary(tabId: number | undefined, paperId: string | undefined): Promise<void> {
  const sidePanel = (browser as unknown as { sidePanel?: { open(o: { tabId: number }): Promise<void>; setOptions(o: object): Promise<void> } }).sidePanel;
  if (sidePanel && tabId !== undefined) {
    try {
      await sidePanel.setOptions({ tabId, path: libraryUrl(paperId).replace(browser.runtime.getURL('/'), ''), enabled: true });
      await sidePanel.open({ tabId });
      return;
    } catch {
      // no user gesture any more, or no side panel: fall through
    }
  }
  await browser.tabs.create({ url: libraryUrl(paperId) });
}

/** Tell every tab's content script that papers changed. Tabs without one ignore it. */
export async function broadcastToTabs(message: object): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, message).catch(() => undefined))));
}
