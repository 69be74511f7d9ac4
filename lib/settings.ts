// User settings, kept in storage.local. Anything unreadable there falls back to the defaults.
export const KEY_ACTIONS = ['next', 'previous', 'save', 'queue', 'skip', 'read', 'tag', 'open', 'undo', 'help'] as const;
export type KeyAction = (typeof KEY_ACTIONS)[number];

export const KEY_ACTION_LABELS: Record<KeyAction, string> = {
  next: 'Next entry',
  previous: 'Previous entry',
  save: 'Save',
  queue: 'Queue to read',
  skip: 'Skip',
  read: 'Mark read',
  tag: 'Tag',
  open: 'Open the paper',
  undo: 'Undo the last action',
  help: 'Show the keys',
};

export const DEFAULT_KEYS: Record<KeyAction, string> = {
  next: 'j',
  previous: 'k',
  save: 's',
  queue: 'q',
  skip: 'x',
  read: 'r',
  tag: 't',
  open: 'o',
  undo: 'u',
  help: '?',
};

/** How rows already triaged look on a listing. */
export type TriagedRows = 'show' | 'dim' | 'hide';

export interface Settings {
  /** Keyboard triage on listing pages. */
  keyboard: boolean;
  /** One key per action; an empty string turns that key off. */
  keys: Record<KeyAction, string>;
  triagedRows: TriagedRows;
}

export const DEFAULT_SETTINGS: Settings = { keyboard: true, keys: DEFAULT_KEYS, triagedRows: 'show' };
export const SETTINGS_KEY = 'settings';

/** Settings from whatever storage holds: wrong types and unknown fields are ignored. */
export function parseSettings(raw: unknown): Settings {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const keysIn = typeof obj.keys === 'object' && obj.keys !== null ? (obj.keys as Record<string, unknown>) : {};
  const keys = { ...DEFAULT_KEYS };
  for (const action of KEY_ACTIONS) {
    const k = keysIn[action];
    // One printable character (or nothing, to turn it off).
    if (typeof k === 'string' && [...k].length <= 1) keys[action] = k;
  }
  return {
    keyboard: typeof obj.keyboard === 'boolean' ? obj.keyboard : DEFAULT_SETTINGS.keyboard,
    keys,
    triagedRows: obj.triagedRows === 'dim' || obj.triagedRows === 'hide' || obj.triagedRows === 'show' ? obj.triagedRows : 'show',
  };
}

/** Two actions on one key would make the key ambiguous: the actions that share a key with another. */
export function keyConflicts(keys: Record<KeyAction, string>): KeyAction[] {
  return KEY_ACTIONS.filter((a) => keys[a] !== '' && KEY_ACTIONS.some((b) => b !== a && keys[b] === keys[a]));
}

export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]);
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

/** Call `listener` with the new settings whenever they change (in any context). */
export function watchSettings(listener: (s: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(parseSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
