// Carrying a backup or an import file from an extension page to the background, the library's
// only writer. One runtime message is capped (64 MiB in Chrome) and a file can be ~100 MB, so the
// text goes over a long-lived port in chunks; the background parses it, writes it in one
// transaction with progress, and can be cancelled. One port carries one transfer.
//
//   page                                  background
//   begin {kind, size, tag?}   ────────▶
//   chunk {text} × n           ────────▶  progress receiving
//   end                        ────────▶  progress checking, then writing…
//   cancel (any time)          ────────▶  cancelled (nothing written)
//                              ◀────────  done | error | cancelled
import { fileSizeError, parseBackup } from './backup/parse-backup';
import { restoreBackup } from './backup/restore';
import type { SiftDB } from './db';
import { parseBibtex } from './import/bibtex';
import { parseCslJson } from './import/csl-json';
import { importEntries, type ImportEntry, type ImportProblem, type ParsedImport } from './import/import';
import { cleanTag, MAX_TAG } from './messages';
import type { Settings } from './settings';

export const TRANSFER_PORT = 'sift-transfer';

export const TRANSFER_KINDS = ['restore', 'bibtex', 'csl-json'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export type TransferPhase = 'receiving' | 'checking' | 'writing';

/**
 * Characters per chunk. Chrome serialises a message as JSON: even text that is all escapes
 * (`\uXXXX`, 6 bytes per character) stays under its 64 MiB cap.
 */
export const MAX_CHUNK_CHARS = 8 * 1024 * 1024;
/** Skipped entries listed in a `done` message; the rest are only counted (a broken file can have thousands). */
export const MAX_SKIPPED_LISTED = 100;

// ---------------------------------------------------------------------------------------------
// Messages.

/** page → background: what comes, how long it is (in characters: `text.length`), and the tag for an import. */
export interface BeginMessage {
  type: 'begin';
  kind: TransferKind;
  size: number;
  /** Tag every imported paper with this; imports only. */
  tag?: string;
}
export interface ChunkMessage {
  type: 'chunk';
  /** At most MAX_CHUNK_CHARS characters. */
  text: string;
}
export interface EndMessage {
  type: 'end';
}
export interface CancelMessage {
  type: 'cancel';
}
export type PageMessage = BeginMessage | ChunkMessage | EndMessage | CancelMessage;

/**
 * background → page. receiving: characters received of `size`; checking: the file is being
 * parsed (one message, 0 of 1: the parser reports no progress); writing: papers (backup) or
 * entries (import) written.
 */
export interface ProgressMessage {
  type: 'progress';
  phase: TransferPhase;
  done: number;
  total: number;
}

/** An entry of an import file that was not imported. */
export interface SkippedEntry {
  /**
   * Where the entry is among the file's entries, from 0 (entry or item `index + 1` of the file);
   * -1 when the problem is not one entry (a broken @string or @preamble).
   */
  index: number;
  /** The whole message, saying where: "entry 3 (line 42): missing title". */
  error: string;
}

export interface DoneMessage {
  type: 'done';
  kind: TransferKind;
  /** Papers added as new records. */
  added: number;
  /** Papers (or entries) merged into papers already in the library. */
  merged: number;
  /** Entries not imported, in file order, at most MAX_SKIPPED_LISTED; always empty for a restore. */
  skipped: SkippedEntry[];
  /** Entries skipped beyond those listed. */
  moreSkipped: number;
  /** Restore only: tag settings (colours) added. */
  tags?: number;
  /** Restore only: the backup's settings. They live in browser storage, not in the library: the page offers to apply them. */
  settings?: Settings;
}
export interface ErrorMessage {
  type: 'error';
  /** Says what failed and why: "The backup could not be read: not JSON: unexpected end at …". */
  error: string;
}
export interface CancelledMessage {
  type: 'cancelled';
}
export type BackgroundMessage = ProgressMessage | DoneMessage | ErrorMessage | CancelledMessage;
/** How a transfer ends. */
export type TransferResult = DoneMessage | ErrorMessage | CancelledMessage;

/** The subset of runtime.Port used here, so tests can connect two ends in memory. */
export interface PortLike {
  name: string;
  sender?: PortSender;
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

/** The parts of runtime.MessageSender that say whether a port comes from one of Sift's pages. */
export interface PortSender {
  url?: string;
  tab?: { id?: number; url?: string };
}

// ---------------------------------------------------------------------------------------------
// Validation of what the page sends: everything is `unknown` until read here.

type Read<T> = { ok: true; value: T } | { ok: false; error: string };
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A page message in exactly its shape (unknown fields dropped), or why it is not one. */
export function parsePageMessage(raw: unknown): Read<PageMessage> {
  if (!isObject(raw) || typeof raw.type !== 'string') return fail('message must be an object with a type');
  switch (raw.type) {
    case 'begin': {
      const { kind, size, tag } = raw;
      if (!(TRANSFER_KINDS as readonly unknown[]).includes(kind)) return fail(`kind must be one of ${TRANSFER_KINDS.join(', ')}`);
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return fail('size must be a whole number of characters');
      const tooLarge = fileSizeError(size);
      if (tooLarge) return fail(tooLarge);
      const begin: BeginMessage = { type: 'begin', kind: kind as TransferKind, size };
      if (tag !== undefined) {
        if (kind === 'restore') return fail('a restore takes no tag');
        const clean = typeof tag === 'string' && tag.length <= 1_000 ? cleanTag(tag) : '';
        if (!clean || clean.length > MAX_TAG) return fail(`the import's tag must have 1 to ${MAX_TAG} characters`);
        begin.tag = clean;
      }
      return { ok: true, value: begin };
    }
    case 'chunk':
      if (typeof raw.text !== 'string') return fail('a chunk must hold text');
      if (raw.text.length > MAX_CHUNK_CHARS) return fail(`a chunk must hold at most ${MAX_CHUNK_CHARS} characters`);
      return { ok: true, value: { type: 'chunk', text: raw.text } };
    case 'end':
    case 'cancel':
      return { ok: true, value: { type: raw.type } };
    default:
      return fail(`unknown message type "${raw.type.slice(0, 50)}"`);
  }
}

/**
 * Sift's own pages only: the side panel, popup and options (no tab), or the library opened in a
 * tab of its own. An extension page framed inside a web page has the extension's url but a web
 * page's tab; a content script has neither.
 */
export function isSiftPage(sender: PortSender | undefined, extensionOrigin: string): boolean {
  if (!sender?.url?.startsWith(extensionOrigin)) return false;
  return !sender.tab || !!sender.tab.url?.startsWith(extensionOrigin);
}

// ---------------------------------------------------------------------------------------------
// Background side.

/** Progress goes out at most every PROGRESS_MS, unless `step` more units are done (or all). */
const PROGRESS_MS = 100;
const WRITE_PROGRESS_STEP = 1_000;

class ProgressThrottle {
  private lastAt = -Infinity;
  private lastDone = -Infinity;
  constructor(private readonly step: number) {}

  due(done: number, total: number): boolean {
    const now = Date.now();
    if (done !== total && done - this.lastDone < this.step && now - this.lastAt < PROGRESS_MS) return false;
    this.lastAt = now;
    this.lastDone = done;
    return true;
  }
}

const ACTION: Record<TransferKind, { file: string; failed: string }> = {
  restore: { file: 'The backup', failed: 'The restore failed' },
  bibtex: { file: 'The BibTeX file', failed: 'The import failed' },
  'csl-json': { file: 'The CSL-JSON file', failed: 'The import failed' },
};

function describeWriteError(kind: TransferKind, err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  const quota = name === 'QuotaExceededError' || (err as { inner?: { name?: string } } | undefined)?.inner?.name === 'QuotaExceededError';
  const why = quota ? 'storage is full (free disk space or remove papers)' : err instanceof Error ? err.message : String(err);
  return `${ACTION[kind].failed} and nothing was written: ${why}`;
}

/**
 * The file's entry numbers of the entries the parser returned. The parsers number every entry of
 * the file and either return it or report it as a problem, in file order; so the entries are the
 * numbers the problems leave out.
 */
function entryNumbers(entryCount: number, problems: readonly ImportProblem[]): number[] {
  const reported = new Set(problems.map((p) => p.entry));
  const numbers: number[] = [];
  for (let n = 1; numbers.length < entryCount; n++) if (!reported.has(n)) numbers.push(n);
  return numbers;
}

type Outcome = Omit<DoneMessage, 'type' | 'kind'>;

async function restoreText(db: SiftDB, text: string, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Outcome | string> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed.error;
  const result = await restoreBackup(db, parsed.value, { signal, onProgress });
  return { added: result.added, merged: result.merged, skipped: [], moreSkipped: 0, tags: result.tags, settings: parsed.value.settings };
}

async function importText(
  db: SiftDB,
  kind: 'bibtex' | 'csl-json',
  text: string,
  tag: string | undefined,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<Outcome | string> {
  const parsed: ParsedImport = kind === 'bibtex' ? parseBibtex(text) : parseCslJson(text);
  if (!parsed.ok) return parsed.error;
  const entries: readonly ImportEntry[] = parsed.entries;
  const result = await importEntries(db, entries, { tag, format: kind, signal, onProgress });
  const numbers = entryNumbers(entries.length, parsed.problems);
  const skipped: SkippedEntry[] = [
    ...parsed.problems.map((p) => ({ index: p.entry - 1, error: p.error })),
    ...result.skipped.map((s) => ({ index: (numbers[s.index] ?? 0) - 1, error: s.error })),
  ].sort((a, b) => a.index - b.index);
  return {
    added: result.added,
    merged: result.merged,
    skipped: skipped.slice(0, MAX_SKIPPED_LISTED),
    moreSkipped: Math.max(0, skipped.length - MAX_SKIPPED_LISTED),
  };
}

/** Lets messages already queued (a cancel) arrive before a long synchronous step. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Serve one transfer on a port a page opened. Resolves once the transfer is over and any write
 * has finished or rolled back (the background ignores it; tests wait on it). Never rejects.
 */
export interface TransferContext {
  db: SiftDB;
  extensionOrigin: string;
  /** Called once a restore or an import has committed papers: open pages refresh their badges. */
  libraryChanged?: () => void;
}

export function serveTransfer(ctx: TransferContext, port: PortLike): Promise<void> {
  let connected = true;
  let state: 'idle' | 'receiving' | 'working' | 'over' = 'idle';
  let begin: BeginMessage | undefined;
  let chunks: string[] = [];
  let received = 0;
  let work: Promise<void> | undefined;
  const controller = new AbortController();
  const receivingProgress = new ProgressThrottle(MAX_CHUNK_CHARS);
  let markOver!: () => void;
  const over = new Promise<void>((resolve) => (markOver = resolve));

  const post = (msg: BackgroundMessage) => {
    if (!connected) return;
    try {
      port.postMessage(msg);
    } catch {
      connected = false; // the page went away meanwhile
    }
  };
  const disconnect = () => {
    if (!connected) return;
    connected = false;
    port.disconnect();
  };
  /** The transfer's last word. Later messages on the port are refused, except a late cancel. */
  const finish = (msg: TransferResult) => {
    if (state === 'over') return;
    state = 'over';
    chunks = [];
    post(msg);
    markOver();
  };
  /** A page that breaks the protocol is answered and cut off; a write under way rolls back. */
  const refuse = (reason: string) => {
    controller.abort();
    const error: ErrorMessage = { type: 'error', error: `Transfer refused: ${reason}` };
    if (state === 'over') post(error);
    else finish(error);
    disconnect();
  };

  if (!isSiftPage(port.sender, ctx.extensionOrigin)) {
    finish({ type: 'error', error: "Transfer refused: only Sift's own pages may restore or import" });
    disconnect();
    return over;
  }

  const run = async (kind: TransferKind, tag: string | undefined, text: string): Promise<void> => {
    post({ type: 'progress', phase: 'checking', done: 0, total: 1 });
    await nextTask();
    if (controller.signal.aborted) return finish({ type: 'cancelled' });
    const writingProgress = new ProgressThrottle(WRITE_PROGRESS_STEP);
    // Runs inside the write's transaction: it only posts.
    const onProgress = (done: number, total: number) => {
      if (writingProgress.due(done, total)) post({ type: 'progress', phase: 'writing', done, total });
    };
    try {
      const outcome =
        kind === 'restore'
          ? await restoreText(ctx.db, text, controller.signal, onProgress)
          : await importText(ctx.db, kind, text, tag, controller.signal, onProgress);
      if (typeof outcome === 'string') finish({ type: 'error', error: `${ACTION[kind].file} could not be read: ${outcome}` });
      // A cancel that came after the commit is too late: the page learns what was written.
      else {
        finish({ type: 'done', kind, ...outcome });
        if (outcome.added + outcome.merged > 0) ctx.libraryChanged?.();
      }
    } catch (err) {
      // Whatever the error, an aborted write rolled back as a whole.
      if (controller.signal.aborted) finish({ type: 'cancelled' });
      else finish({ type: 'error', error: describeWriteError(kind, err) });
    }
  };

  const onMessage = (raw: unknown) => {
    const parsed = parsePageMessage(raw);
    if (!parsed.ok) return refuse(parsed.error);
    const msg = parsed.value;
    if (msg.type === 'cancel') {
      if (state === 'working') controller.abort(); // `run` answers once the transaction has rolled back
      else if (state !== 'over') finish({ type: 'cancelled' });
      return;
    }
    if (state === 'over') return refuse(msg.type === 'begin' ? 'one transfer per port' : `"${msg.type}" after the transfer ended`);
    if (msg.type === 'begin') {
      if (state !== 'idle') return refuse('a second "begin" on the same port');
      state = 'receiving';
      begin = msg;
      if (receivingProgress.due(0, msg.size)) post({ type: 'progress', phase: 'receiving', done: 0, total: msg.size });
      return;
    }
    if (state !== 'receiving' || !begin) return refuse(state === 'idle' ? `"${msg.type}" before "begin"` : `"${msg.type}" after "end"`);
    if (msg.type === 'chunk') {
      received += msg.text.length;
      const tooLarge = fileSizeError(received);
      if (tooLarge) return refuse(tooLarge);
      if (received > begin.size) return refuse(`more text than announced (over ${begin.size} characters)`);
      chunks.push(msg.text);
      if (receivingProgress.due(received, begin.size)) post({ type: 'progress', phase: 'receiving', done: received, total: begin.size });
      return;
    }
    // end
    if (received !== begin.size) return refuse(`the file arrived incomplete (${received} of ${begin.size} characters)`);
    state = 'working';
    const text = chunks.join('');
    chunks = [];
    work = run(begin.kind, begin.tag, text);
  };

  port.onMessage.addListener(onMessage);
  port.onDisconnect.addListener(() => {
    connected = false;
    // The page closed (or navigated): a write under way rolls back.
    controller.abort();
    if (state !== 'working') finish({ type: 'cancelled' });
  });
  return over.then(() => work);
}

// ---------------------------------------------------------------------------------------------
// Page side.

export interface SendTransferOptions {
  /** Import only: tag every imported paper. */
  tag?: string;
  onProgress?: (progress: ProgressMessage) => void;
  /** Aborting asks the background to cancel; the promise then resolves with `cancelled` (or `done`, when the write had already committed). */
  signal?: AbortSignal;
  /** Characters per chunk, at most MAX_CHUNK_CHARS (tests send small chunks). */
  chunkChars?: number;
}

/**
 * The background went away mid-transfer (its service worker stopped, the extension reloaded).
 * Nothing was written: the background writes in one IndexedDB transaction, and a transaction
 * that has not committed when its context dies is aborted by the browser, so none of its writes
 * remain. (Only in the instant between the commit and the answer could the write be complete.)
 */
export const BACKGROUND_STOPPED = 'the background stopped; nothing was written';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Send a file's text to the background over `port` (opened with runtime.connect({ name:
 * TRANSFER_PORT })) and wait for the outcome. Never rejects. The port is single-use: it is
 * disconnected once the transfer is over.
 */
export function sendTransfer(port: PortLike, kind: TransferKind, text: string, options: SendTransferOptions = {}): Promise<TransferResult> {
  const { tag, onProgress, signal } = options;
  // At least 2, so that a chunk can always end before a surrogate pair rather than inside it.
  const chunkChars = Math.max(2, Math.min(MAX_CHUNK_CHARS, Math.floor(options.chunkChars ?? MAX_CHUNK_CHARS)));

  return new Promise<TransferResult>((resolve) => {
    let settled = false;
    const settle = (result: TransferResult) => {
      if (settled) return;
      settled = true;
      port.onMessage.removeListener(onMessage);
      signal?.removeEventListener('abort', cancel);
      try {
        port.disconnect();
      } catch {
        // already disconnected
      }
      resolve(result);
    };
    const post = (msg: PageMessage): boolean => {
      if (settled) return false;
      try {
        port.postMessage(msg);
        return true;
      } catch {
        settle({ type: 'error', error: BACKGROUND_STOPPED });
        return false;
      }
    };
    const onMessage = (raw: unknown) => {
      const msg = raw as BackgroundMessage | undefined;
      if (msg?.type === 'progress') onProgress?.(msg);
      else if (msg?.type === 'done' || msg?.type === 'error' || msg?.type === 'cancelled') settle(msg);
    };
    const cancel = () => void post({ type: 'cancel' });

    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(() => settle({ type: 'error', error: BACKGROUND_STOPPED }));
    if (signal?.aborted) return settle({ type: 'cancelled' });
    signal?.addEventListener('abort', cancel, { once: true });

    if (!post({ type: 'begin', kind, size: text.length, ...(tag === undefined ? {} : { tag }) })) return;
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + chunkChars, text.length);
      // Never split a surrogate pair: each chunk stays well-formed text whatever the serialisation.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      if (!post({ type: 'chunk', text: text.slice(start, end) })) return;
      start = end;
    }
    post({ type: 'end' });
  });
}
