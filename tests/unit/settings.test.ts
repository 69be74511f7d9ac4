import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_KEYS,
  DEFAULT_SETTINGS,
  KEY_ACTIONS,
  SETTINGS_KEY,
  keyConflicts,
  loadSettings,
  parseSettings,
  saveSettings,
  watchSettings,
  type KeyAction,
  type Settings,
} from '../../lib/settings';

const defaultsCopy = (): Settings => ({ keyboard: true, keys: { ...DEFAULT_KEYS }, triagedRows: 'show' });

describe('parseSettings', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'settings'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', ['j', 'k']],
    ['an empty object', {}],
  ])('falls back to the defaults for %s', (_name, raw) => {
    expect(parseSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid stored values', () => {
    const stored = { keyboard: false, keys: { ...DEFAULT_KEYS, save: 'w', skip: 'd' }, triagedRows: 'dim' };
    expect(parseSettings(stored)).toEqual(stored);
  });

  it.each(['show', 'dim', 'hide'] as const)('keeps triagedRows "%s"', (mode) => {
    expect(parseSettings({ triagedRows: mode }).triagedRows).toBe(mode);
  });

  it.each([['HIDE'], ['hidden'], [1], [null], [{}], [true]])('ignores triagedRows %j', (mode) => {
    expect(parseSettings({ triagedRows: mode }).triagedRows).toBe('show');
  });

  it.each([['false'], [0], [1], [null], [{}]])('ignores a non-boolean keyboard %j', (value) => {
    expect(parseSettings({ keyboard: value }).keyboard).toBe(true);
  });

  it('keeps keyboard: false', () => {
    expect(parseSettings({ keyboard: false }).keyboard).toBe(false);
  });

  it('takes each valid key and falls back per action for the invalid ones', () => {
    const parsed = parseSettings({
      keys: {
        next: 'n', // valid
        previous: 'pp', // two characters: ignored
        save: 5, // not a string: ignored
        queue: null,
        skip: '', // empty: turns the key off
        read: '😀', // one character, two UTF-16 units: valid
        help: 'é', // one character
      },
    });
    expect(parsed.keys).toEqual({ ...DEFAULT_KEYS, next: 'n', skip: '', read: '😀', help: 'é' });
  });

  it('drops keys for unknown actions and unknown top-level fields', () => {
    const parsed = parseSettings({ keys: { launch: 'l', next: 'n' }, extra: 'x', theme: 'dark' });
    expect(Object.keys(parsed).sort()).toEqual(['keyboard', 'keys', 'triagedRows']);
    expect(Object.keys(parsed.keys).sort()).toEqual([...KEY_ACTIONS].sort());
    expect(parsed.keys.next).toBe('n');
  });

  it.each([['j'], [null], [['s']], [7]])('uses the default keys when keys is %j', (keys) => {
    expect(parseSettings({ keys }).keys).toEqual(DEFAULT_KEYS);
  });

  it('returns fresh key maps: changing one does not change the defaults', () => {
    const a = parseSettings(undefined);
    a.keys.save = 'z';
    expect(DEFAULT_KEYS.save).toBe('s');
    expect(parseSettings(undefined).keys.save).toBe('s');
  });
});

describe('keyConflicts', () => {
  it('finds none in the defaults', () => {
    expect(keyConflicts(DEFAULT_KEYS)).toEqual([]);
  });

  it('lists every action sharing a key, in action order', () => {
    expect(keyConflicts({ ...DEFAULT_KEYS, undo: 's' })).toEqual(['save', 'undo']);
    expect(keyConflicts({ ...DEFAULT_KEYS, next: 'x', tag: 'x' })).toEqual(['next', 'skip', 'tag']);
  });

  it('lists two separate clashes together', () => {
    expect(keyConflicts({ ...DEFAULT_KEYS, previous: 'j', open: 'q' })).toEqual(['next', 'previous', 'queue', 'open']);
  });

  it('never counts keys that are off, however many there are', () => {
    const off = Object.fromEntries(KEY_ACTIONS.map((a) => [a, ''])) as Record<KeyAction, string>;
    expect(keyConflicts(off)).toEqual([]);
    expect(keyConflicts({ ...DEFAULT_KEYS, save: '', skip: '', read: '' })).toEqual([]);
  });

  it('is case-sensitive: "s" and "S" are different keys', () => {
    expect(keyConflicts({ ...DEFAULT_KEYS, queue: 'S' })).toEqual([]);
  });
});

describe('loadSettings / saveSettings / watchSettings', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('loads the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(defaultsCopy());
  });

  it('loads the defaults when storage holds garbage', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: 'not settings' });
    expect(await loadSettings()).toEqual(defaultsCopy());
  });

  it('loads the defaults when storage cannot be read', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('storage is gone'));
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('reads back what was saved', async () => {
    const s: Settings = { keyboard: false, keys: { ...DEFAULT_KEYS, save: 'w' }, triagedRows: 'hide' };
    await saveSettings(s);
    expect(await loadSettings()).toEqual(s);
  });

  it('tells a watcher about parsed changes, and stops after unsubscribing', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { triagedRows: 'dim', keys: { save: 'too long' } } });
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(seen).toEqual([{ ...defaultsCopy(), triagedRows: 'dim' }]);
    stop();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { triagedRows: 'hide' } });
    expect(seen).toHaveLength(1);
  });
});
