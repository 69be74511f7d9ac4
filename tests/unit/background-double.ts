// For component tests: runtime.sendMessage answered by the real background code (lib/handlers +
// lib/store) on the test's database, as a Sift page, so live queries show each write.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../lib/db';
import { handleRequest } from '../../lib/handlers';
import type { Request } from '../../lib/messages';

const ctx = { db, extensionId: 'sift-test', extensionOrigin: 'chrome-extension://sift-test/' };
const sender = { id: 'sift-test', url: 'chrome-extension://sift-test/sidepanel.html' };

/** `override(msg)` may answer a request itself (anything but undefined), e.g. to simulate a failure. */
export function answerLikeBackground(override?: (msg: Request) => unknown) {
  return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: Request) => {
    const special = override?.(msg);
    if (special !== undefined) return special;
    return handleRequest(ctx, msg, sender);
  }) as never);
}
