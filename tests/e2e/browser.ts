// Launch Chromium with the built extension, serve shared fixtures at their real URLs, block everything else.
import { chromium, type BrowserContext, type Request, type Worker } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const EXTENSION = resolve(ROOT, '.output/chrome-mv3');
export const SHARED = process.env.SIFT_SHARED ?? resolve(ROOT, '../shared');

export function chromiumPath(): string {
  const candidates = [process.env.SIFT_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian "chromium" or set SIFT_CHROMIUM');
  return found;
}

export interface Served {
  url: string;
  html: string;
}

export function sharedFixture(file: string): Served {
  const html = readFileSync(resolve(SHARED, 'fixtures', file), 'utf8');
  const expected = JSON.parse(readFileSync(resolve(SHARED, 'fixtures', file.replace(/\.html$/, '.expected.json')), 'utf8')) as { url: string };
  return { url: expected.url, html };
}

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Requests that were not served from fixtures (and so were aborted). */
  blocked: Request[];
  /** Every page served so far. */
  served: Served[];
  serve(page: Served): void;
  close(): Promise<void>;
}

export async function launch(): Promise<Session> {
  if (!existsSync(resolve(EXTENSION, 'manifest.json'))) throw new Error('Build first: npm run build');
  const profile = mkdtempSync(join(tmpdir(), 'sift-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
    ],
  });
  const pages = new Map<string, string>();
  const blocked: Request[] = [];
  const served: Served[] = [];
  await context.route('**/*', (route) => {
    const req = route.request();
    const url = req.url().split('#')[0]!;
    const html = pages.get(url);
    if (html !== undefined && req.resourceType() === 'document') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    if (url.startsWith('chrome-extension://') || url.startsWith('data:')) return route.continue();
    blocked.push(req);
    return route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    blocked,
    served,
    serve: (p) => {
      served.push(p);
      pages.set(p.url.split('#')[0]!, p.html);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface StoredPaper {
  id: string;
  ids: Record<string, string>;
  title: string;
  authors: string[];
  status: string;
  sightings: { url: string; site: string; at: number }[];
}

/** Every record of the extension's IndexedDB "sift" / "papers", read inside the service worker. */
export async function storedPapers(worker: Worker): Promise<StoredPaper[]> {
  return worker.evaluate(
    () =>
      new Promise<StoredPaper[]>((resolve, reject) => {
        const open = indexedDB.open('sift');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          if (!idb.objectStoreNames.contains('papers')) return resolve([]);
          const all = idb.transaction('papers').objectStore('papers').getAll();
          all.onsuccess = () => resolve(all.result as StoredPaper[]);
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** Poll until `check` passes or time runs out. */
export async function waitFor<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

/** The browser tab id whose Sift content script reports `url`. */
export async function tabIdFor(worker: Worker, url: string): Promise<number | undefined> {
  return worker.evaluate(async (want) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const answer = await chrome.tabs.sendMessage(tab.id, { type: 'tab-papers' }).catch(() => undefined);
      if ((answer as { url?: string } | undefined)?.url === want) return tab.id;
    }
    return undefined;
  }, url);
}
