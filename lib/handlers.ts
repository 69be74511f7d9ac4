// The background's request handling: validates sender and message, then writes through lib/store.
import type { SiftDB } from './db';
import type { PaperBrief } from './paper';
import { parseRequest, type BriefsResponse, type DeleteResponse, type EditResponse, type ListTagsResponse, type OkResponse, type StoreDetectedResponse } from './messages';
import { detectorFor } from './sites';
import {
  allSeenOn,
  briefsSeenOn,
  deletePapers,
  deleteTag,
  editTags,
  listTags,
  moveInQueue,
  renameTag,
  restore,
  setNote,
  setRating,
  setStatus,
  setTagColor,
  storeDetectedGrouped,
  undoDelete,
  type EditResult,
} from './store';

/** The parts of runtime.MessageSender that decide what a sender may do. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface HandlerContext {
  db: SiftDB;
  extensionId: string;
  /** e.g. "chrome-extension://<id>/"; extension pages may edit any paper, a page only what it showed. */
  extensionOrigin: string;
  now?: () => number;
  /** Tell every tab that these papers changed (their badges update). */
  broadcast?: (briefs: PaperBrief[]) => void;
  /** Show the library (side panel, else a tab), on a paper if given. */
  openLibrary?: (tabId: number | undefined, paperId: string | undefined) => Promise<void>;
}

type Response = StoreDetectedResponse | EditResponse | DeleteResponse | ListTagsResponse | BriefsResponse | OkResponse;

function describe(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'QuotaExceededError' || (err as { inner?: { name?: string } })?.inner?.name === 'QuotaExceededError')
    return 'Storage is full: free disk space or remove papers; nothing from this page was saved.';
  return `Could not write to the library: ${err instanceof Error ? err.message : String(err)}`;
}

/** Run one edit; tell every tab what changed; answer with the papers as they were and are. */
async function applyEdit(ctx: HandlerContext, edit: () => Promise<EditResult>): Promise<EditResponse> {
  let result: EditResult;
  try {
    result = await edit();
  } catch (err) {
    return { ok: false, error: describe(err) };
  }
  if (result.briefs.length) ctx.broadcast?.(result.briefs);
  return { ok: true, changed: result.briefs.length, ...result };
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
        const result = await storeDetectedGrouped(ctx.db, msg.entries, { url: msg.url, site, at: now() });
        return { ok: true, ...result };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    }
    case 'set-status':
    case 'edit-tags':
    case 'set-note':
    case 'restore': {
      const ids = msg.type === 'set-note' ? [msg.paperId] : msg.type === 'restore' ? msg.patches.map((p) => p.id) : msg.paperIds;
      // A content script may triage only papers its own site showed; extension pages, any.
      if (!fromExtensionPage) {
        if (!sender.tab || !sender.url) return { ok: false, error: 'only Sift pages and content scripts may edit papers' };
        if (!(await allSeenOn(ctx.db, ids, new URL(sender.url).origin))) return { ok: false, error: 'a page may edit only papers it showed' };
      }
      return applyEdit(ctx, () => {
        if (msg.type === 'set-status') return setStatus(ctx.db, ids, msg.status, now());
        if (msg.type === 'edit-tags') return editTags(ctx.db, ids, msg.add, msg.remove);
        if (msg.type === 'set-note') return setNote(ctx.db, msg.paperId, msg.note);
        return restore(ctx.db, msg.patches);
      });
    }
    case 'list-tags':
      return { ok: true, tags: await listTags(ctx.db) };
    case 'paper-briefs': {
      // A content script learns only the state of papers its own site showed; extension pages, any.
      if (!fromExtensionPage && (!sender.tab || !sender.url)) return { ok: false, error: 'only Sift pages and content scripts may ask' };
      const origin = fromExtensionPage ? undefined : new URL(sender.url!).origin;
      return { ok: true, briefs: await briefsSeenOn(ctx.db, msg.paperIds, origin) };
    }
    case 'move-in-queue':
    case 'set-rating':
    case 'undo-delete':
    case 'rename-tag':
    case 'delete-tag': {
      if (!fromExtensionPage) return { ok: false, error: 'only Sift pages may do that' };
      return applyEdit(ctx, () => {
        if (msg.type === 'move-in-queue') return moveInQueue(ctx.db, msg.paperId, msg.beforeId);
        if (msg.type === 'set-rating') return setRating(ctx.db, msg.paperId, msg.rating);
        if (msg.type === 'undo-delete') return undoDelete(ctx.db, msg.token);
        if (msg.type === 'rename-tag') return renameTag(ctx.db, msg.from, msg.to);
        return deleteTag(ctx.db, msg.tag);
      });
    }
    case 'delete-papers': {
      if (!fromExtensionPage) return { ok: false, error: 'only Sift pages may delete papers' };
      try {
        return { ok: true, ...(await deletePapers(ctx.db, msg.paperIds, now())) };
      } catch (err) {
        return { ok: false, error: describe(err) };
      }
    }
    case 'tag-color':
      if (!fromExtensionPage) return { ok: false, error: 'only Sift pages may do that' };
      await setTagColor(ctx.db, msg.tag, msg.color);
      return { ok: true };
    case 'open-library':
      if (!ctx.openLibrary) return { ok: false, error: 'the library cannot be opened from here' };
      // Reached with no await since the listener ran: the side panel opens only while the click's gesture lasts.
      await ctx.openLibrary(sender.tab?.id, msg.paperId);
      return { ok: true };
    case 'tab-papers':
      return { ok: false, error: 'tab-papers is answered by content scripts' };
  }
}
