// Requests extension pages (popup, side panel) make to the background, the only writer.
// Each answers as the background does; a failure to reach it becomes { ok: false, error }.
import type { DeleteResponse, EditResponse, ListTagsResponse, OkResponse, Request } from './messages';
import type { PaperPatch, Status } from './paper';

async function ask<T extends { ok: boolean }>(msg: Request): Promise<T | { ok: false; error: string }> {
  try {
    const res = (await browser.runtime.sendMessage(msg)) as T | undefined;
    return res ?? { ok: false, error: 'no answer from the extension' };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export const library = {
  setStatus: (paperIds: string[], status: Status) => ask<EditResponse>({ type: 'set-status', paperIds, status }),
  editTags: (paperIds: string[], add: string[], remove: string[]) => ask<EditResponse>({ type: 'edit-tags', paperIds, add, remove }),
  setNote: (paperId: string, note: string) => ask<EditResponse>({ type: 'set-note', paperId, note }),
  setRating: (paperId: string, rating?: number) =>
    ask<EditResponse>(rating === undefined ? { type: 'set-rating', paperId } : { type: 'set-rating', paperId, rating }),
  moveInQueue: (paperId: string, beforeId?: string) =>
    ask<EditResponse>(beforeId === undefined ? { type: 'move-in-queue', paperId } : { type: 'move-in-queue', paperId, beforeId }),
  /** Undo any EditResponse: send back its `before`. */
  restore: (patches: PaperPatch[]) => ask<EditResponse>({ type: 'restore', patches }),
  deletePapers: (paperIds: string[]) => ask<DeleteResponse>({ type: 'delete-papers', paperIds }),
  undoDelete: (token: string) => ask<EditResponse>({ type: 'undo-delete', token }),
  listTags: () => ask<ListTagsResponse>({ type: 'list-tags' }),
  renameTag: (from: string, to: string) => ask<EditResponse>({ type: 'rename-tag', from, to }),
  deleteTag: (tag: string) => ask<EditResponse>({ type: 'delete-tag', tag }),
  tagColor: (tag: string, color?: string) => ask<OkResponse>(color === undefined ? { type: 'tag-color', tag } : { type: 'tag-color', tag, color }),
};
