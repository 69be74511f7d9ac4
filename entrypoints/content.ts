// Detects papers on supported pages and hands them to the background. Logic lives in lib/.
import type { DetectedPaper } from '@/lib/paper';
import type { Request, StoreDetectedResponse, TabPapersResponse } from '@/lib/messages';
import { PageSession } from '@/lib/page-session';
import { addsEntries, commonAncestor } from '@/lib/watch';
import { CONTENT_MATCHES } from '@/lib/sites/matches';

const RESCAN_DELAY_MS = 400;
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
const BENCH = import.meta.env.MODE === 'bench';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // The popup may inject this script again on a page that has it: one instance is enough.
    const marker = globalThis as { __siftContent?: boolean };
    if (marker.__siftContent) return;
    marker.__siftContent = true;

    const send = (url: string, entries: DetectedPaper[]) =>
      browser.runtime.sendMessage({ type: 'store-detected', url, entries } satisfies Request) as Promise<StoreDetectedResponse>;

    let session = new PageSession(location.href, send);
    /** The element holding every entry read so far: changes elsewhere on the page are ignored. */
    let listing: Element | null = null;
    let timer: number | undefined;
    let retries = 0;

    const sync = async () => {
      const start = performance.now();
      const result = await session.sync(document);
      for (const row of result.newRows) listing = listing?.isConnected ? commonAncestor(listing, row) : row.parentElement;
      if (BENCH && result.detectMs !== undefined && result.storeMs !== undefined) {
        // Timings for `npm run bench`, read from the page's performance timeline; absent from release builds.
        performance.measure('sift:detect', { start, duration: result.detectMs });
        performance.measure(`sift:store:${result.sent}`, { start: start + result.detectMs, duration: result.storeMs });
      }
      if (result.failed) {
        console.warn(`[sift] ${result.failed} papers not stored yet: ${result.error}`);
        const delay = RETRY_DELAYS_MS[retries++];
        if (delay !== undefined) schedule(delay);
      } else {
        retries = 0;
      }
    };
    const schedule = (delay = RESCAN_DELAY_MS) => {
      clearTimeout(timer);
      timer = ctx.setTimeout(() => void sync(), delay);
    };

    // Client-rendered pages add entries later (lazy loading, "load more") and navigate without reloading.
    const observer = new MutationObserver((records) => {
      if (addsEntries(records, listing)) schedule();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      session = new PageSession(newUrl.href, send);
      listing = null;
      schedule();
    });

    browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return;
      if ((raw as Request | undefined)?.type !== 'tab-papers') return;
      const answer: TabPapersResponse = {
        url: session.url,
        site: session.site,
        recordIds: session.recordIds(),
        pending: session.pending(),
      };
      sendResponse(answer);
    });

    void sync();
  },
});
