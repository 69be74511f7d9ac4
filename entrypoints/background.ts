// The only writer of the library. main() wires handlers; the logic is in lib/handlers.ts.
import { db } from '@/lib/db';
import { handleRequest } from '@/lib/handlers';
import { browserCountsStore, keepLibraryCounts } from '@/lib/count-library';
import { browserAutoDetectApi, syncAutoDetect } from '@/lib/auto-detect';
import type { LibraryChanged, PapersChanged } from '@/lib/messages';
import { serveTransfer, TRANSFER_PORT } from '@/lib/transfer';
import { broadcastToTabs, browserOpenLibraryApis, browserShowInLibraryApis, showInLibrary, wireOpenLibrary } from '@/lib/ui';

export default defineBackground(() => {
  const showApis = browserShowInLibraryApis();
  const ctx = {
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    // Badges in every tab follow edits made anywhere.
    broadcast: (briefs: PapersChanged['briefs']) => void broadcastToTabs({ type: 'papers-changed', briefs } satisfies PapersChanged),
    openLibrary: (tabId: number | undefined, paperId: string | undefined) => showInLibrary(showApis, tabId, paperId),
    // After a restore or an import, open pages ask for their papers' state again.
    libraryChanged: () => void broadcastToTabs({ type: 'library-changed' } satisfies LibraryChanged),
  };
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // tab-papers is a question for content scripts; leave it unanswered here.
    if ((raw as { type?: unknown } | undefined)?.type === 'tab-papers') return;
    handleRequest(ctx, raw, sender).then(sendResponse, (err: unknown) =>
      sendResponse({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    return true;
  });

  // Backups and import files come over a port, in chunks (see lib/transfer.ts).
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === TRANSFER_PORT) void serveTransfer(ctx, port);
  });

  // Automatic detection everywhere follows the optional host permission (granted in Settings).
  const sync = () => void syncAutoDetect(browserAutoDetectApi()).catch((err: unknown) => console.warn('[sift] auto-detect', err));
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();

  // The popup and the side panel read the views' counts from storage.local.
  keepLibraryCounts(db, browserCountsStore());

  // The library from the keyboard (the `open-library` command) and the toolbar button's menu.
  wireOpenLibrary(browserOpenLibraryApis());
});
