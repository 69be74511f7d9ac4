import { actionForKey, isTypingTarget, type KeyPress } from '../../../lib/page-ui/keys';
import { DEFAULT_KEYS, DEFAULT_SETTINGS, KEY_ACTIONS, type Settings } from '../../../lib/settings';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS }, ...over });

function press(key: string, over: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, altKey: false, metaKey: false, defaultPrevented: false, target: document.body, ...over };
}

function el(html: string, select: string): Element {
  const wrap = document.createElement('div');
  wrap.innerHTML = html;
  document.body.append(wrap);
  return wrap.querySelector(select)!;
}

afterEach(() => document.body.replaceChildren());

describe('actionForKey', () => {
  it('maps every default key to its action', () => {
    for (const action of KEY_ACTIONS) expect(actionForKey(press(DEFAULT_KEYS[action]), settings())).toBe(action);
  });

  it('ignores keys bound to nothing', () => {
    for (const key of ['a', 'J', 'Enter', 'ArrowDown', ' ', 'Escape']) expect(actionForKey(press(key), settings())).toBeUndefined();
  });

  it('works with Shift: "?" asks for help', () => {
    // A real Shift+/ keydown: the KeyPress fields come straight from a KeyboardEvent.
    let action: string | undefined = 'not called';
    document.body.addEventListener('keydown', (e) => (action = actionForKey(e, settings())), { once: true });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', shiftKey: true, bubbles: true }));
    expect(action).toBe('help');
  });

  it.each(['ctrlKey', 'altKey', 'metaKey'] as const)('ignores a key pressed with %s', (mod) => {
    expect(actionForKey(press('s', { [mod]: true }), settings())).toBeUndefined();
    expect(actionForKey(press('?', { [mod]: true }), settings())).toBeUndefined();
  });

  it('ignores a key the page already handled', () => {
    expect(actionForKey(press('s', { defaultPrevented: true }), settings())).toBeUndefined();
  });

  it('ignores a key pressed while composing text (IME)', () => {
    expect(actionForKey(press('s', { isComposing: true }), settings())).toBeUndefined();
    expect(actionForKey(press('s', { isComposing: false }), settings())).toBe('save');
  });

  it('does nothing when keyboard triage is off', () => {
    for (const action of KEY_ACTIONS) expect(actionForKey(press(DEFAULT_KEYS[action]), settings({ keyboard: false }))).toBeUndefined();
  });

  it('uses custom keys instead of the defaults', () => {
    const s = settings({ keys: { ...DEFAULT_KEYS, save: 'w', next: 'n' } });
    expect(actionForKey(press('w'), s)).toBe('save');
    expect(actionForKey(press('n'), s)).toBe('next');
    expect(actionForKey(press('s'), s)).toBeUndefined();
    expect(actionForKey(press('j'), s)).toBeUndefined();
  });

  it('is case-sensitive', () => {
    expect(actionForKey(press('S'), settings())).toBeUndefined();
    expect(actionForKey(press('S'), settings({ keys: { ...DEFAULT_KEYS, save: 'S' } }))).toBe('save');
  });

  it('treats a key set to "" as off, even for an empty key name', () => {
    const s = settings({ keys: { ...DEFAULT_KEYS, save: '' } });
    expect(actionForKey(press('s'), s)).toBeUndefined();
    expect(actionForKey(press(''), s)).toBeUndefined();
    expect(actionForKey(press('x'), s)).toBe('skip');
  });

  it('ignores keys typed into fields', () => {
    for (const [html, sel] of [
      ['<input type="text">', 'input'],
      ['<textarea></textarea>', 'textarea'],
      ['<select><option>a</option></select>', 'select'],
      ['<div contenteditable="true"><b>x</b></div>', 'b'],
    ] as const) {
      expect(actionForKey(press('s', { target: el(html, sel) }), settings())).toBeUndefined();
    }
  });

  it('takes keys on ordinary page elements, and without a target', () => {
    expect(actionForKey(press('s', { target: el('<p><a href="#">link</a></p>', 'a') }), settings())).toBe('save');
    expect(actionForKey(press('s', { target: null }), settings())).toBe('save');
    expect(actionForKey(press('s', { target: window }), settings())).toBe('save');
  });
});

describe('isTypingTarget', () => {
  it.each([
    ['<input>', 'input'],
    ['<input type="search">', 'input'],
    ['<textarea></textarea>', 'textarea'],
    ['<select></select>', 'select'],
    ['<div contenteditable=""></div>', 'div'],
    ['<div contenteditable="true"></div>', 'div'],
    ['<div contenteditable="plaintext-only"></div>', 'div'],
    ['<div contenteditable="true"><p><span>deep</span></p></div>', 'span'],
    ['<label><input><span>inside</span></label>', 'input'],
  ])('is true for %s', (html, sel) => {
    expect(isTypingTarget(el(html, sel))).toBe(true);
  });

  it.each([
    ['<div></div>', 'div'],
    ['<a href="#">x</a>', 'a'],
    ['<button>x</button>', 'button'],
    ['<div contenteditable="false"><span>x</span></div>', 'span'],
  ])('is false for %s', (html, sel) => {
    expect(isTypingTarget(el(html, sel))).toBe(false);
  });

  it("is true for Sift's own elements, which handle their keys themselves", () => {
    expect(isTypingTarget(document.createElement('sift-badge'))).toBe(true);
    expect(isTypingTarget(document.createElement('sift-toolbar'))).toBe(true);
  });

  it('is false for non-elements', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(window)).toBe(false);
    expect(isTypingTarget(document)).toBe(false);
    expect(isTypingTarget(document.createTextNode('x'))).toBe(false);
  });
});
