// Launch Chromium with the built extension, serve the fixtures at their real URLs, block everything else.
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION = resolve(ROOT, '.output/chrome-mv3');
export const FIXTURES = resolve(ROOT, 'tests/fixtures');

export function chromiumPath() {
  const candidates = [process.env.SIFT_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => !!p && existsSync(p));
  if (!found) throw new Error('No Chromium found: install Debian "chromium" or set SIFT_CHROMIUM');
  return found;
}

/** @typedef {{ url: string, html: string }} Served */

/** @param {string} file @returns {Served} */
export function fixturePage(file) {
  const html = readFileSync(resolve(FIXTURES, file), 'utf8');
  const expected = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.expected.json')), 'utf8'));
  return { url: expected.url, html };
}

/**
 * @typedef {object} Session
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Worker} worker
 * @property {string} extensionId
 * @property {import('playwright-core').Request[]} blocked Requests not served from fixtures (aborted).
 * @property {Served[]} served Every page served so far.
 * @property {(page: Served) => void} serve
 * @property {() => Promise<void>} close
 */

/** @param {{ extension?: string }} [options] @returns {Promise<Session>} */
export async function launch({ extension = EXTENSION } = {}) {
  if (!existsSync(resolve(extension, 'manifest.json'))) throw new Error('Build first: npm run build');
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
      // Lets a test press the toolbar button (CDP Extensions.triggerAction), which grants activeTab.
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  const pages = new Map();
  /** @type {import('playwright-core').Request[]} */
  const blocked = [];
  /** @type {Served[]} */
  const served = [];
  await context.route('**/*', (route) => {
    const req = route.request();
    const url = req.url().split('#')[0];
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
      pages.set(p.url.split('#')[0], p.html);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}


/** Every record of the extension's IndexedDB "sift" / "papers", read inside the service worker. */
/**
 * @param {import('playwright-core').Worker | import('playwright-core').Page} where the service worker, or an extension page
 * @returns {Promise<any[]>}
 */
export async function storedPapers(where) {
  return where.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sift');
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        // Opening without a version must not create the database: that would race Sift's own schema upgrade.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onsuccess = () => {
          const idb = open.result;
          const done = (fn) => (v) => (idb.close(), fn(v));
          if (!idb.objectStoreNames.contains('papers')) return done(resolve)([]);
          const all = idb.transaction('papers').objectStore('papers').getAll();
          all.onsuccess = () => done(resolve)(all.result);
          all.onerror = () => done(reject)(all.error);
        };
      }),
  );
}

/** Poll until `check` passes or time runs out. */
/** @template T @param {() => Promise<T>} read @param {(v: T) => boolean} check @returns {Promise<T>} */
export async function waitFor(read, check, timeoutMs = 15_000) {
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
/** @param {import('playwright-core').Worker} worker @param {string} url @returns {Promise<number | undefined>} */
export async function tabIdFor(worker, url) {
  return worker.evaluate(async (want) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const answer = await chrome.tabs.sendMessage(tab.id, { type: 'tab-papers' }).catch(() => undefined);
      if (answer?.url === want) return tab.id;
    }
    return undefined;
  }, url);
}

/**
 * Press Sift's toolbar button on the tab showing `url`, as a user would: the popup opens (invisible
 * when headless) and the browser grants activeTab for that tab.
 * @param {Session} session @param {string} url
 */
export async function pressToolbarButton(session, url) {
  const browser = session.context.browser();
  if (!browser) throw new Error('no browser-level CDP session');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === url);
  if (!tab) throw new Error(`no tab shows ${url}`);
  await cdp.send('Extensions.triggerAction', { id: session.extensionId, targetId: tab.targetId });
  await cdp.detach();
}

/**
 * Blocked requests that Sift itself made (from its service worker or its own pages), as URLs.
 * Everything the tests serve is fulfilled; an aborted request from the extension is a network request of its own.
 * @param {Session} session @returns {string[]}
 */
export function extensionRequests(session) {
  return session.blocked
    .filter((req) => req.serviceWorker() !== null || (req.frame()?.url() ?? '').startsWith('chrome-extension:'))
    .map((req) => req.url());
}

/**
 * The text of every `<sift-badge>` on a page, in page order, read through CDP (which, unlike page
 * scripts, sees into closed shadow roots).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function badgeTexts(context, page) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    /** @type {string[]} */
    const out = [];
    const text = (node) => (node.nodeType === 3 ? node.nodeValue : (node.children ?? []).map(text).join(''));
    const visit = (node) => {
      if (node.nodeName === 'SIFT-BADGE') {
        const shadow = node.shadowRoots?.[0];
        const button = shadow?.children?.find((c) => c.nodeName === 'BUTTON');
        out.push(button ? text(button) : '');
        return;
      }
      for (const c of node.children ?? []) visit(c);
      for (const c of node.shadowRoots ?? []) visit(c);
      if (node.contentDocument) visit(node.contentDocument);
    };
    visit(root);
    return out;
  } finally {
    await cdp.detach();
  }
}

/**
 * Run `fn(shadowRoot, ...args)` on the closed shadow root of the first `<tag>` on the page (through
 * CDP: page scripts cannot reach it). For tests that click inside Sift's in-page UI.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {string} tag e.g. "sift-toolbar"
 * @param {(root: ShadowRoot, ...args: any[]) => any} fn
 * @param {any[]} [args]
 */
export async function inShadow(context, page, tag, fn, args = []) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node) => {
      if (node.nodeName === tag.toUpperCase()) return node;
      for (const c of node.children ?? []) {
        const f = find(c);
        if (f) return f;
      }
      return undefined;
    };
    const host = find(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) throw new Error(`no <${tag}> with a shadow root on the page`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (...args) { return (${fn.toString()})(this, ...args); }`,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}
