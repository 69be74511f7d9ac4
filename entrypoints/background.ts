// The only writer of the library. main() wires handlers; the logic is in lib/handlers.ts.
import { db } from '@/lib/db';
import { handleRequest } from '@/lib/handlers';

export default defineBackground(() => {
  const ctx = {
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  };
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // tab-papers is a question for content scripts; leave it unanswered here.
    if ((raw as { type?: unknown } | undefined)?.type === 'tab-papers') return;
    handleRequest(ctx, raw, sender).then(sendResponse, (err: unknown) =>
      sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return true;
  });
});
