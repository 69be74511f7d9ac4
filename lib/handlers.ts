// The background's request handling: validates sender and message, then writes through lib/store.
import type { SiftDB } from './db';
import { parseRequest, type SetStatusResponse, type StoreDetectedResponse } from './messages';
import { detectorFor } from './sites';
import { setStatus, storeDetected } from './store';

/** The parts of runtime.MessageSender that decide what a sender may do. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface HandlerContext {
  db: SiftDB;
  extensionId: string;
  /** e.g. "chrome-extension://<id>/"; extension pages may change statuses, web pages may not. */
  extensionOrigin: string;
  now?: () => number;
}

type Response = StoreDetectedResponse | SetStatusResponse;

function describe(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError' || (err as { inner?: { name?: string } })?.inner?.name === 'QuotaExceededError')
    return 'Storage is full: free disk space or remove papers; nothing from this page was saved.';
  return `Could not write to the library: ${err instanceof Error ? err.message : String(err)}`;
}

export async function handleRequest(ctx: HandlerContext, raw: unknown, sender: Sender): Promise<Response> {
  if (sender.id !== ctx.extensionId) return { ok: false, error: 'sender is not this extension' };
  const parsed = parseRequest(raw);
  if (!parsed.ok) return parsed;
  const msg = parsed.value;
  const fromExtensionPage = !!sender.url?.startsWith(ctx.extensionOrigin);
  const now = ctx.now ?? Date.now;

  switch (msg.type) {
    case 'store-detected': {
      if (!sender.tab || !sender.url) return { ok: false, error: 'store-detected must come from a content script in a tab' };
      // The page may have navigated in-app since the browser noted sender.url; the origin cannot change.
      if (new URL(msg.url).origin !== new URL(sender.url).origin) return { ok: false, error: 'url is not on the sender page' };
      // A supported site, or any page where the user asked for the generic detectors.
      const site = detectorFor(msg.url).site;
      try {
        // Text was normalised by the detector; parseRequest checked shape, sizes and identity.
        const result = await storeDetected(ctx.db, msg.entries, { url: msg.url, site, at: now() });
        return { ok: true, ...result };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    }
    case 'set-status': {
      if (!fromExtensionPage) return { ok: false, error: 'only Sift pages may change a status' };
      try {
        return { ok: true, changed: await setStatus(ctx.db, msg.paperIds, msg.status, now()) };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    }
    case 'tab-papers':
      return { ok: false, error: 'tab-papers is answered by content scripts' };
  }
}
