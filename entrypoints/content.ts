// Detects papers on supported pages, hands them to the background, and puts the triage UI on the
// page. Logic lives in lib/.
import type { DetectedPaper } from '@/lib/paper';
import type { BriefsResponse, PapersChanged, Request, StoreDetectedResponse, TabPapersResponse } from '@/lib/messages';
import { PageSession } from '@/lib/page-session';
import { addsEntries, commonAncestor, isNewPage } from '@/lib/watch';
import { CONTENT_MATCHES } from '@/lib/sites/matches';
import { PageTriage } from '@/lib/page-ui/triage';
import type { ToolbarPosition } from '@/lib/page-ui/toolbar';
import { loadSettings, saveSettings, watchSettings } from '@/lib/settings';

const RESCAN_DELAY_MS = 400;
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];
/** Rows are read in slices of about this long, so that a 2,000-row page never blocks. */
const DETECT_SLICE_MS = 25;
const BENCH = import.meta.env.MODE === 'bench';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    // The popup may inject this script again on a page that has it: one instance is enough.
    const marker = globalThis as { __siftContent?: boolean };
    if (marker.__siftContent) return;
    marker.__siftContent = true;

    const send = (url: string, entries: DetectedPaper[]) => {
      const start = performance.now();
      const sent = browser.runtime.sendMessage({ type: 'store-detected', url, entries } satisfies Request) as Promise<StoreDetectedResponse>;
      // For `npm run bench`: building and posting the message is work on the page's thread too.
      if (BENCH) {
        performance.measure('sift:work', { start, end: performance.now() });
        void sent.then(() => performance.measure('sift:send', { start, end: performance.now(), detail: entries.length }), () => undefined);
      }
      return sent;
    };

    let session = new PageSession(location.href, send);
    /** The element holding every entry read so far: changes elsewhere on the page are ignored. */
    let listing: Element | null = null;
    let timer: number | undefined;
    let retries = 0;
    /** Detection time summed over the slices of one pass (for `npm run bench`). */
    let passStart: number | undefined;
    let passDetectMs = 0;

    // Answers tab-papers even before the settings have loaded; the triage UI comes with them.
    let triage: PageTriage | undefined;
    browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
      if (sender.id !== browser.runtime.id) return;
      const type = (raw as { type?: unknown } | undefined)?.type;
      if (type === 'papers-changed') {
        // Sent by the background after any edit: only this page's papers are taken.
        const briefs = (raw as PapersChanged).briefs;
        if (Array.isArray(briefs)) triage?.refresh(session.update(briefs));
        return;
      }
      if (type === 'library-changed') {
        // A restore or an import: this page's papers may have changed; ask for their state.
        const page = session;
        void page
          .reloadBriefs((paperIds) => browser.runtime.sendMessage({ type: 'paper-briefs', paperIds } satisfies Request) as Promise<BriefsResponse>)
          .then((briefs) => page === session && briefs.length > 0 && triage?.refresh(briefs));
        return;
      }
      if (type !== 'tab-papers') return;
      const answer: TabPapersResponse = {
        url: session.url,
        site: session.site,
        recordIds: session.recordIds(),
        pending: session.pending(),
      };
      sendResponse(answer);
    });

    const toolbarKey = `toolbar:${location.hostname}`;
    const [settings, stored] = await Promise.all([loadSettings(), browser.storage.local.get(toolbarKey).catch(() => ({}))]);
    triage = new PageTriage({
      session: () => session,
      request: (msg) => browser.runtime.sendMessage(msg),
      settings,
      toolbarPosition: ((stored as Record<string, unknown>)[toolbarKey] ?? {}) as ToolbarPosition,
      saveToolbarPosition: (p) => void browser.storage.local.set({ [toolbarKey]: p }).catch(() => undefined),
      saveTriagedRows: (mode) => void loadSettings().then((s) => saveSettings({ ...s, triagedRows: mode })),
      open: (url) => void window.open(url, '_blank', 'noopener'),
    });
    const page = triage;
    ctx.onInvalidated(() => page.destroy());
    ctx.onInvalidated(watchSettings((s) => page.setSettings(s)));
    if (BENCH) {
      page.onDecorated = (rows, ms) => performance.measure(`sift:decorate:${rows}`, { start: performance.now() - ms, duration: ms });
      page.onSlice = (start, ms) => performance.measure('sift:work', { start, duration: ms });
    }

    const sync = async () => {
      const start = performance.now();
      passStart ??= start;
      const pass = session.sync(document, { budgetMs: DETECT_SLICE_MS });
      // For `npm run bench`: the synchronous part of a pass (reading rows, building the message).
      if (BENCH) performance.measure('sift:work', { start, end: performance.now() });
      const result = await pass;
      passDetectMs += result.detectMs ?? 0;
      for (const row of result.newRows) listing = listing?.isConnected ? commonAncestor(listing, row.element) : row.element.parentElement;
      page.addRows(result.newRows);
      if (result.more) {
        schedule(0); // the rest of a long page, in the next slice
        return;
      }
      page.stored();
      if (BENCH && result.storeMs !== undefined) {
        // Timings for `npm run bench`, read from the page's performance timeline; absent from release builds.
        performance.measure('sift:detect', { start: passStart, duration: passDetectMs });
        performance.measure(`sift:store:${result.sent}`, { start: start + (result.detectMs ?? 0), duration: result.storeMs });
      }
      passStart = undefined;
      passDetectMs = 0;
      if (result.failed) {
        console.warn(`[sift] ${result.failed} papers not stored yet: ${result.error}`);
        const delay = RETRY_DELAYS_MS[retries++];
        if (delay !== undefined) schedule(delay);
      } else {
        retries = 0;
      }
    };
    // Nothing here should throw; if something does, the page still gets its retries.
    const run = () =>
      sync().catch((err: unknown) => {
        console.warn('[sift]', err);
        const delay = RETRY_DELAYS_MS[retries++];
        if (delay !== undefined) schedule(delay);
      });
    const schedule = (delay = RESCAN_DELAY_MS) => {
      clearTimeout(timer);
      timer = ctx.setTimeout(() => void run(), delay);
    };

    // Client-rendered pages add entries later (lazy loading, "load more") and navigate without reloading.
    const observer = new MutationObserver((records) => {
      if (addsEntries(records, listing)) schedule();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      // The same page at another fragment (an in-page link) keeps its session; a tab the hash
      // showed may hold entries not read yet, so look again.
      if (!isNewPage(session.url, newUrl.href)) return void schedule();
      session = new PageSession(newUrl.href, send);
      listing = null;
      page.reset();
      schedule();
    });

    void run();
  },
});
