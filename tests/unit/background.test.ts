import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import { db } from '../../lib/db';

/** Deliver a message as the browser would, and wait for the background's sendResponse. */
type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];

function deliver(message: unknown, sender: object): Promise<unknown> {
  return new Promise((resolve) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender as Sender, resolve);
  });
}

type Listener = (...args: never[]) => void;
/** The listeners background main() added to APIs the fake browser lacks. */
const added = { command: [] as Listener[], menuClick: [] as Listener[] };

const tabSender = { id: fakeBrowser.runtime.id, url: 'https://huggingface.co/papers/trending', tab: { id: 3 } };

describe('background main()', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await db.papers.clear();
    // The fake browser has no permissions or scripting APIs: stand in for them.
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([] as never);
    // Nor commands, context menus or the side panel.
    added.command = [];
    added.menuClick = [];
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((l) => void added.command.push(l as Listener));
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation((l) => void added.menuClick.push(l as Listener));
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined as never);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(((_props: object, done?: () => void) => {
      done?.();
      return 'sift-open-library';
    }) as never);
    vi.spyOn(fakeBrowser.sidePanel, 'open').mockResolvedValue(undefined as never);
    vi.spyOn(fakeBrowser.sidePanel, 'setOptions').mockResolvedValue(undefined as never);
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    // Nor ports (imports and restores come through one; lib/transfer.ts is tested on its own).
    vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => {});
    background.main();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stores what a content script sends into the "sift" database', async () => {
    const res = await deliver(
      { type: 'store-detected', url: tabSender.url, entries: [{ title: 'FlexGen', authors: ['Ying Sheng'], ids: { arxiv: '2303.06865' } }] },
      tabSender,
    );
    expect(res).toMatchObject({ ok: true, added: 1 });
    const [rec] = await db.papers.toArray();
    expect(rec).toMatchObject({ title: 'FlexGen', status: 'inbox', sightings: [{ site: 'huggingface', url: tabSender.url }] });
  });

  it('answers an invalid message with a reason and writes nothing', async () => {
    const res = await deliver({ type: 'store-detected', url: tabSender.url, entries: [{ title: '<img src=x onerror=alert(1)>' }] }, tabSender);
    expect(res).toEqual({ ok: false, error: 'entry 0: authors must be an array of strings' });
    expect(await db.papers.count()).toBe(0);
  });

  it('keeps automatic detection in step with the optional permission', async () => {
    expect(fakeBrowser.permissions.onAdded.addListener).toHaveBeenCalled();
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({ origins: ['https://*/*', 'http://*/*'] });
  });

  it('leaves tab-papers to content scripts', async () => {
    const sendResponse = vi.fn();
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'tab-papers' }, tabSender as unknown as Sender, sendResponse);
    expect(results).toEqual([undefined]);
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('adds "Open the Sift library" to the toolbar button\'s menu when installed or updated', async () => {
    expect(fakeBrowser.contextMenus.create).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update' } as never);
    await vi.waitFor(() => expect(fakeBrowser.contextMenus.create).toHaveBeenCalledTimes(1));
    // The item of the previous version goes first, so the id is never a duplicate.
    expect(vi.mocked(fakeBrowser.contextMenus.removeAll).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(fakeBrowser.contextMenus.create).mock.invocationCallOrder[0]!,
    );
    expect(vi.mocked(fakeBrowser.contextMenus.create).mock.calls[0]![0]).toEqual({
      id: 'sift-open-library',
      title: 'Open the Sift library',
      contexts: ['action'],
    });
  });

  it('opens the side panel of the window at once on the open-library command and on the menu item', () => {
    expect(added.command).toHaveLength(1);
    expect(added.menuClick).toHaveLength(1);
    const command = added.command[0] as (command: string, tab?: object) => void;
    const menuClick = added.menuClick[0] as (info: object, tab?: object) => void;

    command('_execute_action', { id: 3, windowId: 8 });
    menuClick({ menuItemId: 'some-other-item' }, { id: 3, windowId: 8 });
    expect(fakeBrowser.sidePanel.open).not.toHaveBeenCalled();

    // Synchronously, inside the listener: the user gesture ends with it.
    command('open-library', { id: 3, windowId: 8 });
    expect(fakeBrowser.sidePanel.open).toHaveBeenCalledWith({ windowId: 8 });
    menuClick({ menuItemId: 'sift-open-library' }, { id: 4, windowId: 9 });
    expect(fakeBrowser.sidePanel.open).toHaveBeenLastCalledWith({ windowId: 9 });
    expect(fakeBrowser.sidePanel.open).toHaveBeenCalledTimes(2);
  });

  it('opens the sender tab\'s side panel on a paper inside the listener of the page\'s open-library message', async () => {
    const sendResponse = vi.fn();
    void fakeBrowser.runtime.onMessage.trigger({ type: 'open-library', paperId: 'p1' }, tabSender as unknown as Sender, sendResponse);
    // Synchronously: the click's user gesture ends with the listener.
    expect(fakeBrowser.sidePanel.setOptions).toHaveBeenCalledWith({ tabId: 3, path: 'sidepanel.html#paper=p1', enabled: true });
    expect(fakeBrowser.sidePanel.open).toHaveBeenCalledWith({ tabId: 3 });
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true }));
    expect(fakeBrowser.tabs.create).not.toHaveBeenCalled();
  });
});
