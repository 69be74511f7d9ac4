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

/** The parts of the browser that open the library; passed in so the logic is testable. */
export interface PanelApis {
  sidePanel?: { open(o: { windowId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  /** The fallback where neither panel exists: the library page in a new tab. */
  openTab(url: string): Promise<unknown>;
  libraryUrl: string;
}

function browserPanelApis(): PanelApis {
  const b = browser as unknown as Pick<PanelApis, 'sidePanel' | 'sidebarAction'>;
  return {
    sidePanel: b.sidePanel,
    sidebarAction: b.sidebarAction,
    openTab: (url) => browser.tabs.create({ url }),
    libraryUrl: browser.runtime.getURL('/sidepanel.html'),
  };
}

/**
 * Open the side panel (Chrome) or the sidebar (Firefox) now. The panel's open() is called
 * synchronously, before any await: browsers allow it only while the user gesture lasts.
 */
export function openPanel(apis: PanelApis, windowId: number | undefined): Promise<void> {
  if (apis.sidebarAction) return apis.sidebarAction.open();
  if (apis.sidePanel && windowId !== undefined) return apis.sidePanel.open({ windowId });
  return apis.openTab(apis.libraryUrl).then(() => undefined);
}

/**
 * Open the library in the side panel (Chrome) or sidebar (Firefox). Call it straight from a click
 * handler, with the window id looked up beforehand: browsers refuse it outside a user gesture.
 */
export async function openLibrary(windowId: number | undefined): Promise<void> {
  await openPanel(browserPanelApis(), windowId);
}

/** The keyboard command (wxt.config.ts) and the toolbar button's menu item that open the library. */
export const OPEN_LIBRARY_COMMAND = 'open-library';
export const OPEN_LIBRARY_MENU_ID = 'sift-open-library';
export const OPEN_LIBRARY_TITLE = 'Open the Sift library';

interface EventLike<F> {
  addListener(listener: F): void;
}
type TabLike = { windowId?: number } | undefined;

export interface OpenLibraryApis extends PanelApis {
  commands?: { onCommand: EventLike<(command: string, tab?: TabLike) => void> };
  /** chrome.contextMenus, or Firefox's browser.menus; absent where neither exists. */
  menus?: {
    create(props: { id: string; title: string; contexts: string[] }, done?: () => void): unknown;
    removeAll(): Promise<void> | void;
    onClicked: EventLike<(info: { menuItemId: string | number }, tab?: TabLike) => void>;
  };
  onInstalled: EventLike<() => void>;
  /** Read (and so acknowledge) the last error of a callback-style call. */
  lastError(): unknown;
}

/** The real APIs. Firefox names the menus API `menus` (with `contextMenus` as an alias). */
export function browserOpenLibraryApis(): OpenLibraryApis {
  const b = browser as unknown as Partial<Pick<OpenLibraryApis, 'commands'>> & {
    menus?: OpenLibraryApis['menus'];
    contextMenus?: OpenLibraryApis['menus'];
  };
  return {
    ...browserPanelApis(),
    commands: b.commands,
    menus: b.menus ?? b.contextMenus,
    onInstalled: browser.runtime.onInstalled,
    lastError: () => browser.runtime.lastError,
  };
}

/**
 * Background wiring: the `open-library` command and an "Open the Sift library" item on the
 * toolbar button's context menu both open the library in the window they came from. Both
 * events carry a user gesture, so the panel opens at once. Listeners are added synchronously
 * (an event page / service worker woken by the event must find them); the menu item is created
 * once per install or update, as menus persist.
 */
export function wireOpenLibrary(apis: OpenLibraryApis): void {
  const open = (tab: TabLike) =>
    void openPanel(apis, tab?.windowId).catch((err: unknown) => console.warn('[sift] open library', err));
  apis.commands?.onCommand.addListener((command, tab) => {
    if (command === OPEN_LIBRARY_COMMAND) open(tab);
  });
  const menus = apis.menus;
  if (!menus) return;
  menus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === OPEN_LIBRARY_MENU_ID) open(tab);
  });
  apis.onInstalled.addListener(() => {
    // After an update the item still exists: remove it first rather than fail on a duplicate id.
    void Promise.resolve(menus.removeAll())
      .catch(() => undefined)
      .then(() => menus.create({ id: OPEN_LIBRARY_MENU_ID, title: OPEN_LIBRARY_TITLE, contexts: ['action'] }, () => void apis.lastError()));
  });
}

/** The library page's path inside the extension, on one paper when given. */
export function libraryPath(paperId?: string): string {
  return paperId ? `sidepanel.html#paper=${encodeURIComponent(paperId)}` : 'sidepanel.html';
}

/** What showInLibrary needs of the browser; passed in so the logic is testable. */
export interface ShowInLibraryApis {
  sidePanel?: {
    setOptions(o: { tabId: number; path: string; enabled: boolean }): Promise<void>;
    open(o: { tabId: number }): Promise<void>;
  };
  sidebarAction?: {
    setPanel(o: { tabId: number; panel: string }): Promise<void>;
    open(): Promise<void>;
    isOpen(o: object): Promise<boolean>;
  };
  openTab(url: string): Promise<unknown>;
  /** The full URL of an extension path. */
  extensionUrl(path: string): string;
}

export function browserShowInLibraryApis(): ShowInLibraryApis {
  const b = browser as unknown as Pick<ShowInLibraryApis, 'sidePanel' | 'sidebarAction'>;
  return {
    sidePanel: b.sidePanel,
    sidebarAction: b.sidebarAction,
    openTab: (url) => browser.tabs.create({ url }),
    extensionUrl: (path) => browser.runtime.getURL('/') + path,
  };
}

/**
 * From the background, on a page's request (a badge's *Show in library*): the library on that
 * paper, in the tab's side panel (Chrome) or sidebar (Firefox), else in a new tab. The panel is
 * pointed at the paper and opened synchronously, in the message listener: browsers open it only
 * while the click's user gesture lasts, and an await before open() would end it.
 */
export function showInLibrary(apis: ShowInLibraryApis, tabId: number | undefined, paperId: string | undefined): Promise<void> {
  const path = libraryPath(paperId);
  const inTab = () => apis.openTab(apis.extensionUrl(path)).then(() => undefined);
  const { sidePanel, sidebarAction } = apis;
  if (tabId !== undefined && sidePanel) {
    return Promise.all([sidePanel.setOptions({ tabId, path, enabled: true }), sidePanel.open({ tabId })]).then(() => undefined, inTab);
  }
  if (tabId !== undefined && sidebarAction) {
    // Firefox refuses open() here (a page's message is no user action), but a sidebar already
    // open follows setPanel to the paper; only a closed one needs the tab.
    return Promise.all([sidebarAction.setPanel({ tabId, panel: apis.extensionUrl(path) }), sidebarAction.open()]).then(
      () => undefined,
      async () => ((await sidebarAction.isOpen({}).catch(() => false)) ? undefined : inTab()),
    );
  }
  return inTab();
}

/** Tell every tab's content script that papers changed. Tabs without one ignore it. */
export async function broadcastToTabs(message: object): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, message).catch(() => undefined))));
}
