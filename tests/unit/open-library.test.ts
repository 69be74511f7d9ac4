import { OPEN_LIBRARY_MENU_ID, openPanel, showInLibrary, wireOpenLibrary, type OpenLibraryApis, type ShowInLibraryApis } from '../../lib/ui';
import config from '../../wxt.config';

type Fn = (...args: never[]) => unknown;

/** Fake APIs whose events keep their listeners, so a test can fire them. */
function fakeApis(over: Partial<OpenLibraryApis> = {}) {
  const listeners = { command: [] as Fn[], click: [] as Fn[], installed: [] as Fn[] };
  const menus = {
    create: vi.fn((_props: object, done?: () => void) => done?.()),
    removeAll: vi.fn(async () => {}),
    onClicked: { addListener: (l: Fn) => void listeners.click.push(l) },
  };
  const apis: OpenLibraryApis = {
    openTab: vi.fn(async () => undefined),
    libraryUrl: 'chrome-extension://x/sidepanel.html',
    commands: { onCommand: { addListener: (l: Fn) => void listeners.command.push(l) } },
    menus,
    onInstalled: { addListener: (l: Fn) => void listeners.installed.push(l) },
    lastError: vi.fn(() => undefined),
    ...over,
  };
  const fire = (kind: keyof typeof listeners, ...args: unknown[]) => listeners[kind].forEach((l) => (l as (...a: unknown[]) => void)(...args));
  return { apis, menus, listeners, fire };
}

describe('openPanel', () => {
  it('uses the Firefox sidebar first, the Chrome side panel of the window next, else a tab', async () => {
    const sidebarAction = { open: vi.fn(async () => {}) };
    const sidePanel = { open: vi.fn(async () => {}) };
    const openTab = vi.fn(async () => undefined);
    const base = { openTab, libraryUrl: 'moz-extension://x/sidepanel.html' };

    await openPanel({ ...base, sidebarAction, sidePanel }, 4);
    expect(sidebarAction.open).toHaveBeenCalledTimes(1);
    expect(sidePanel.open).not.toHaveBeenCalled();

    await openPanel({ ...base, sidePanel }, 4);
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 4 });

    // Chrome without a window to open it in, or a browser with neither panel: the library page.
    await openPanel({ ...base, sidePanel }, undefined);
    await openPanel(base, 4);
    expect(openTab).toHaveBeenCalledTimes(2);
    expect(openTab).toHaveBeenCalledWith('moz-extension://x/sidepanel.html');
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
  });
});

describe('showInLibrary', () => {
  const refused = () => Promise.reject(new Error('sidePanel.open() may only be called in response to a user gesture.'));
  const base = () => ({ openTab: vi.fn(async () => undefined), extensionUrl: (path: string) => `ext://x/${path}` });

  it('Chrome: points the tab\'s side panel at the paper and opens it before anything is awaited, and opens no tab', async () => {
    const sidePanel = { setOptions: vi.fn(async () => {}), open: vi.fn(async () => {}) };
    const apis: ShowInLibraryApis = { ...base(), sidePanel };
    const shown = showInLibrary(apis, 5, 'a b');
    // Synchronously: the user gesture that allows open() ends at the first await.
    expect(sidePanel.setOptions).toHaveBeenCalledWith({ tabId: 5, path: 'sidepanel.html#paper=a%20b', enabled: true });
    expect(sidePanel.open).toHaveBeenCalledWith({ tabId: 5 });
    expect(sidePanel.setOptions.mock.invocationCallOrder[0]).toBeLessThan(sidePanel.open.mock.invocationCallOrder[0]!);
    await shown;
    expect(apis.openTab).not.toHaveBeenCalled();
  });

  it('Chrome: where the panel is refused, the library on the paper in a tab', async () => {
    const apis: ShowInLibraryApis = { ...base(), sidePanel: { setOptions: vi.fn(async () => {}), open: vi.fn(refused) } };
    await showInLibrary(apis, 5, 'p1');
    expect(apis.openTab).toHaveBeenCalledWith('ext://x/sidepanel.html#paper=p1');
  });

  it('Firefox: points the tab\'s sidebar at the paper and tries to open it at once; an open sidebar needs no tab, a closed one does', async () => {
    const sidebar = (open: boolean) => ({ setPanel: vi.fn(async () => {}), open: vi.fn(refused), isOpen: vi.fn(async () => open) });
    const alreadyOpen = sidebar(true);
    const first: ShowInLibraryApis = { ...base(), sidebarAction: alreadyOpen };
    const shown = showInLibrary(first, 5, 'p1');
    expect(alreadyOpen.setPanel).toHaveBeenCalledWith({ tabId: 5, panel: 'ext://x/sidepanel.html#paper=p1' });
    expect(alreadyOpen.open).toHaveBeenCalledTimes(1);
    await shown;
    expect(first.openTab).not.toHaveBeenCalled();

    const second: ShowInLibraryApis = { ...base(), sidebarAction: sidebar(false) };
    await showInLibrary(second, 5, 'p1');
    expect(second.openTab).toHaveBeenCalledWith('ext://x/sidepanel.html#paper=p1');
  });

  it('without a sender tab, or in a browser with neither panel: a tab', async () => {
    const sidePanel = { setOptions: vi.fn(async () => {}), open: vi.fn(async () => {}) };
    const noTab: ShowInLibraryApis = { ...base(), sidePanel };
    await showInLibrary(noTab, undefined, undefined);
    expect(sidePanel.open).not.toHaveBeenCalled();
    expect(noTab.openTab).toHaveBeenCalledWith('ext://x/sidepanel.html');
    const neither: ShowInLibraryApis = base();
    await showInLibrary(neither, 5, 'p1');
    expect(neither.openTab).toHaveBeenCalledWith('ext://x/sidepanel.html#paper=p1');
  });
});

describe('wireOpenLibrary', () => {
  it('opens the Firefox sidebar synchronously on the command (the user gesture ends with the listener)', () => {
    const sidebarAction = { open: vi.fn(async () => {}) };
    const { apis, fire } = fakeApis({ sidebarAction });
    wireOpenLibrary(apis);
    fire('command', 'open-library', { windowId: 2 });
    expect(sidebarAction.open).toHaveBeenCalledTimes(1);
    fire('command', 'something-else');
    expect(sidebarAction.open).toHaveBeenCalledTimes(1);
  });

  it('creates the menu item on install and opens the panel when it is clicked', async () => {
    const sidePanel = { open: vi.fn(async () => {}) };
    const { apis, menus, fire } = fakeApis({ sidePanel });
    wireOpenLibrary(apis);
    expect(menus.create).not.toHaveBeenCalled();
    fire('installed', { reason: 'install' });
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledTimes(1));
    expect(menus.removeAll).toHaveBeenCalledTimes(1);
    expect(menus.create.mock.calls[0]![0]).toEqual({ id: OPEN_LIBRARY_MENU_ID, title: 'Open the Sift library', contexts: ['action'] });
    // The callback reads lastError, so a failure is not reported as unchecked.
    expect(apis.lastError).toHaveBeenCalled();

    fire('click', { menuItemId: OPEN_LIBRARY_MENU_ID }, { windowId: 6 });
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 6 });
    fire('click', { menuItemId: 'other' }, { windowId: 6 });
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
  });

  it('still creates the item when removing the old one fails', async () => {
    const { apis, menus, fire } = fakeApis();
    menus.removeAll.mockRejectedValueOnce(new Error('nothing to remove'));
    wireOpenLibrary(apis);
    fire('installed');
    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledTimes(1));
  });

  it('without a menus API keeps the command and adds no install listener', () => {
    const sidePanel = { open: vi.fn(async () => {}) };
    const { apis, listeners, fire } = fakeApis({ sidePanel, menus: undefined });
    wireOpenLibrary(apis);
    expect(listeners.installed).toHaveLength(0);
    fire('command', 'open-library', { windowId: 1 });
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 1 });
  });
});

describe('manifest', () => {
  type Manifest = { permissions: string[]; commands: Record<string, { suggested_key: { default: string }; description: string }> };
  const manifest = (browser: string) =>
    (config.manifest as (env: object) => Manifest)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });

  it('declares the open-library command and the menus permission of each browser', () => {
    for (const browser of ['chrome', 'firefox']) {
      expect(manifest(browser).commands['open-library']).toEqual({ suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the Sift library' });
      expect(manifest(browser).commands._execute_action).toBeDefined();
    }
    expect(manifest('chrome').permissions).toEqual(expect.arrayContaining(['contextMenus', 'sidePanel']));
    expect(manifest('firefox').permissions).toContain('menus');
    expect(manifest('firefox').permissions).not.toContain('contextMenus');
    expect(manifest('firefox').permissions).not.toContain('sidePanel');
  });
});
