// Library figures for `npm run bench` at 50,000 papers: P4 (first rows of the side panel), P5 (search
// results per keystroke, long tasks while typing), the side panel's and its search worker's JS heap,
// and the popup's first paint. The library is written with raw IndexedDB in the service worker.
import { libraryRecords } from './seed.mjs';

export const LIBRARY_SIZE = 50_000;
const CHUNK = 2_500;
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const median = (xs) => percentile(xs, 50);

/** Runs in the service worker: put one chunk of records into Sift's store (cleared first when asked). */
async function putRecords([records, clear]) {
  const open = indexedDB.open('sift');
  const idb = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = () => rej(open.error))));
  await new Promise((res, rej) => {
    const tx = idb.transaction('papers', 'readwrite');
    const store = tx.objectStore('papers');
    if (clear) store.clear();
    for (const r of records) store.put(r);
    tx.oncomplete = res;
    tx.onerror = () => rej(tx.error);
  });
  idb.close();
}

/**
 * Runs in the service worker: the floor for writing the library back. Reads every record, clears
 * the store, and puts them all again with raw IndexedDB in one transaction (the restore's shape).
 */
async function rewriteFloor() {
  const open = indexedDB.open('sift');
  const idb = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = () => rej(open.error))));
  const done = (tx) => new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = () => rej(tx.error))));
  const read = idb.transaction('papers').objectStore('papers').getAll();
  const records = await new Promise((res) => (read.onsuccess = () => res(read.result)));
  const clear = idb.transaction('papers', 'readwrite');
  clear.objectStore('papers').clear();
  await done(clear);
  const t0 = performance.now();
  const tx = idb.transaction('papers', 'readwrite');
  for (const r of records) tx.objectStore('papers').put(r);
  await done(tx);
  const ms = performance.now() - t0;
  idb.close();
  return { ms, n: records.length };
}

/** Milliseconds from navigation start to the first frame where `selector` matches an element (with a digit in its text, when asked). */
async function firstFrameWith(page, selector, withDigit = false) {
  const handle = await page.waitForFunction(
    ([sel, digit]) => {
      const el = document.querySelector(sel);
      return el && (!digit || /\d/.test(el.textContent ?? '')) ? performance.now() : false;
    },
    [selector, withDigit],
    { polling: 'raf', timeout: 30_000 },
  );
  return handle.jsonValue();
}

/** The JS heap of a dedicated worker of the browser, by URL part, through a browser CDP session (MB), or undefined. */
async function workerHeapMb(browser, urlPart) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
    if (!target) return undefined;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let id = 0;
    const call = (method, params = {}) =>
      new Promise((resolve) => {
        const msgId = ++id;
        const onMessage = (e) => {
          if (e.sessionId !== sessionId) return;
          const msg = JSON.parse(e.message);
          if (msg.id !== msgId) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(msg.result);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: msgId, method, params }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return usage ? usage.usedSize / 2 ** 20 : undefined;
  } catch {
    return undefined;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * P6 in the side panel: export the 50,000 papers of All to BibTeX, download a backup, then restore
 * that backup into an emptied library. Timings come from the bench build's marks; the restore is
 * timed from the click on Import to its result, and its progress must have been on screen.
 */
async function exportBackupRestore(s, panelUrl) {
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto(`${panelUrl}#view=all`);
  await page.waitForFunction(() => performance.getEntriesByName('sift:indexed').length > 0, null, { timeout: 120_000, polling: 200 });
  await page.getByRole('button', { name: 'Export / import' }).click();
  const panel = page.getByTestId('data-panel');
  await panel.getByRole('radio', { name: /^This list/ }).check();
  await panel.getByRole('combobox', { name: 'Format' }).selectOption('bibtex');
  await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), panel.getByRole('button', { name: /^Download All as/ }).click()]);
  const exported = await page.evaluate(() => performance.getEntriesByName('sift:export').at(-1).detail);
  const [backupFile] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), panel.getByRole('button', { name: 'Download backup' }).click()]);
  const backup = await page.evaluate(() => performance.getEntriesByName('sift:backup').at(-1).detail);
  const backupPath = await backupFile.path();
  await s.worker.evaluate(putRecords, [[], true]);
  await panel.getByLabel(/^File/).setInputFiles(backupPath);
  const t0 = Date.now();
  await panel.getByRole('button', { name: 'Import', exact: true }).click();
  let sawProgress = false;
  for (;;) {
    if (await panel.getByTestId('import-progress').isVisible()) sawProgress = true;
    const result = await panel.getByTestId('import-result').textContent({ timeout: 50 }).catch(() => null);
    if (result) {
      const restore = await page.evaluate(() => ({
        ...performance.getEntriesByName('sift:restore').at(-1).detail,
        phases: performance.getEntriesByName('sift:restore-phase').map((e) => `${e.detail} ${Math.round(e.startTime)}`),
        start: performance.getEntriesByName('sift:restore-start').at(-1)?.startTime,
        writingAt: performance.getEntriesByName('sift:restore-phase').find((e) => e.detail === 'writing')?.startTime,
        end: performance.getEntriesByName('sift:restore').at(-1).startTime,
      }));
      if (process.env.BENCH_DEBUG) console.log('restore phases (ms since page start)', restore.start, restore.phases.join(', '));
      await page.close();
      const floor = await s.worker.evaluate(rewriteFloor);
      return { rawWriteMs: floor.ms, writingMs: restore.end - restore.writingAt, exportN: exported.n, exportReadMs: exported.readMs, exportFormatMs: exported.formatMs, backupMs: backup.ms, backupN: backup.n, restoreMs: restore.ms, restoreWall: Date.now() - t0, restoreResult: result, sawProgress };
    }
    if (Date.now() - t0 > 180_000) throw new Error('restore did not finish in 3 minutes');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Queries typed a key at a time, as a researcher would: topics, an author with a topic, a typo, an accent left out, an id. */
const TYPED = ['diffusion models', 'zhang reasoning', 'reinforcment learning', 'scholkopf kernel', 'video generation benchmark', '2203.10002'];

export async function libraryBench(s, runs) {
  const panelUrl = `chrome-extension://${s.extensionId}/sidepanel.html`;
  // Sift's own pages create its database with its schema; raw writes come after.
  const opener = await s.context.newPage();
  await opener.goto(panelUrl);
  await opener.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="count-inbox"]')?.textContent ?? ''));
  await opener.close();
  const records = libraryRecords(LIBRARY_SIZE);
  for (let i = 0; i < records.length; i += CHUNK) await s.worker.evaluate(putRecords, [records.slice(i, i + CHUNK), i === 0]);
  // Raw writes go unnoticed by the background: one edit through it makes it count the library, so the
  // popup and the panel show the counts of 50,000 papers.
  const counter = await s.context.newPage();
  await counter.goto(`chrome-extension://${s.extensionId}/options.html`);
  await counter.evaluate(() => chrome.runtime.sendMessage({ type: 'set-rating', paperId: 'bench-0', rating: 3 }));
  await counter.waitForFunction(
    async (n) => (await chrome.storage.local.get('libraryCounts')).libraryCounts?.all === n,
    LIBRARY_SIZE,
    { polling: 500, timeout: 120_000 },
  );
  await counter.close();

  // P4: a fresh side panel each run, on the Inbox (35,000 papers) and on All, alternating with the
  // floor: an extension page with no script at all (bench-blank.html, written into the bench build).
  const p4 = [];
  const blank = [];
  for (let run = 0; run < runs; run++) {
    for (const floor of [true, false]) {
      const page = await s.context.newPage();
      await page.setViewportSize({ width: 400, height: 800 });
      if (floor) {
        await page.goto(`chrome-extension://${s.extensionId}/bench-blank.html`, { waitUntil: 'commit' });
        blank.push(await firstFrameWith(page, 'main'));
      } else {
        await page.goto(`${panelUrl}#view=${run % 2 ? 'all' : 'inbox'}`, { waitUntil: 'commit' });
        p4.push(await firstFrameWith(page, '[data-testid="paper-row"] .title:not(.loading)'));
      }
      await page.close();
      // Let work the closed page left behind (its worker's reads) finish before the next run.
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  // P5: type queries into the side panel once its index is built.
  const panel = await s.context.newPage();
  await panel.setViewportSize({ width: 400, height: 800 });
  await panel.goto(`${panelUrl}#view=all`);
  const search = panel.getByRole('searchbox', { name: 'Search library' });
  // Typing starts the index build (if it has not started yet) and waits for it.
  await search.fill('warm');
  await panel.waitForFunction(() => performance.getEntriesByName('sift:indexed').length > 0, null, { timeout: 120_000, polling: 200 });
  const indexed = await panel.evaluate(() => {
    const e = performance.getEntriesByName('sift:indexed')[0];
    return { at: e.startTime, ...e.detail };
  });
  await search.fill('');
  await panel.evaluate(() => performance.clearMarks());
  const typingStart = await panel.evaluate(() => performance.now());
  for (const q of TYPED) {
    await search.click();
    await search.pressSequentially(q, { delay: 120 });
    await panel.waitForTimeout(300);
    await search.fill('');
    await panel.waitForTimeout(200);
  }
  const typingEnd = await panel.evaluate(() => performance.now());
  const timeline = await panel.evaluate(([from, to]) => {
    const marks = (name) => performance.getEntriesByName(name).map((e) => ({ at: e.startTime, q: e.detail }));
    const longTasks = (window.__longTasks ?? []).filter((t) => t.end >= from && t.start <= to).map((t) => t.end - t.start);
    const workerMs = performance.getEntriesByName('sift:answer').map((e) => e.detail.ms);
    const slow = performance.getEntriesByName('sift:answer').map((e) => e.detail).filter((d) => d.ms > 25);
    return { keys: marks('sift:key'), listed: marks('sift:listed'), longTasks, workerMs, slow };
  }, [typingStart, typingEnd]);
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(timeline.slow), JSON.stringify(timeline.longTasks));
  const latencies = [];
  let unanswered = 0;
  for (const key of timeline.keys) {
    const q = key.q.trim();
    // An empty field lists the view from IndexedDB, and a trailing space asks nothing new.
    if (!q || key.q !== key.q.trimEnd()) continue;
    const shown = timeline.listed.find((l) => l.q === q && l.at >= key.at);
    if (shown) latencies.push(shown.at - key.at);
    else unanswered++;
  }

  const cdp = await s.context.newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const panelHeapMb = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  await cdp.detach();
  const workerMb = await workerHeapMb(s.context.browser(), 'search.worker');
  await panel.close();

  // The popup with 50,000 papers stored: first frame showing the inbox count, then the first frame
  // with the queue's head (read with Dexie, loaded after the first frame). Beside it, the settings
  // page: a React page of the same build that reads no library (React's own share).
  // The first open of each page is kept apart (the browser compiles the scripts then, and caches
  // the code for later opens); the medians are over the 9 opens after it.
  const popupMs = [];
  const popupQueueMs = [];
  const reactMs = [];
  let popupFirstOpen;
  for (let run = -1; run < Math.max(runs, 9); run++) {
    for (const page_ of ['popup.html', 'options.html']) {
      const page = await s.context.newPage();
      await page.goto(`chrome-extension://${s.extensionId}/${page_}`, { waitUntil: 'commit' });
      if (page_ === 'popup.html') {
        const first = await firstFrameWith(page, '[data-testid="inbox-count"]', true);
        const queue = await firstFrameWith(page, '[data-testid="queue-item"]');
        if (run < 0) popupFirstOpen = first;
        else {
          popupMs.push(first);
          popupQueueMs.push(queue);
        }
      } else if (run >= 0) {
        reactMs.push(await firstFrameWith(page, 'main h1'));
      }
      await page.close();
    }
  }

  if (process.env.BENCH_DEBUG) console.log('P4 runs', p4.map(Math.round).join(' '), '· blank', blank.map(Math.round).join(' '));
  if (process.env.BENCH_DEBUG) console.log('popup runs', popupMs.map(Math.round).join(' '), '· queue head', popupQueueMs.map(Math.round).join(' '), '· settings', reactMs.map(Math.round).join(' '));
  // Last: the restore leaves the background counting and the library rewritten.
  const p6 = await exportBackupRestore(s, panelUrl);
  return {
    ...p6,
    blank: median(blank),
    p4: median(p4),
    p4worst: Math.max(...p4),
    p5p95: percentile(latencies, 95),
    p5median: median(latencies),
    keystrokes: latencies.length,
    unanswered,
    longestTyping: Math.max(0, ...timeline.longTasks),
    indexMs: indexed.at,
    readMs: indexed.readMs,
    tokenizeMs: indexed.indexMs,
    workerP95: percentile(timeline.workerMs, 95),
    panelHeapMb,
    workerMb,
    popup: median(popupMs),
    popupQueue: median(popupQueueMs),
    popupFirstOpen,
    reactPage: median(reactMs),
  };
}
