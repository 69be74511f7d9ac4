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
    background.main();
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
});
