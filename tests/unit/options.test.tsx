import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '../../components/Options';
import { DEFAULT_KEYS, DEFAULT_SETTINGS, KEY_ACTION_LABELS, KEY_ACTIONS, SETTINGS_KEY, type Settings } from '../../lib/settings';

async function stored(): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
}

const keyInput = (label: string) => screen.getByRole('textbox', { name: `Key for ${label}` }) as HTMLInputElement;

/** Render and wait until the stored settings are on screen. */
async function renderOptions() {
  render(<Options />);
  await screen.findByRole('checkbox', { name: 'Keyboard triage on listing pages' });
}

async function type(label: string, value: string) {
  await act(async () => {
    fireEvent.change(keyInput(label), { target: { value } });
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  // The fake browser has no permissions API: the "detect everywhere" section asks it on load.
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
});

describe('Options: triage on listing pages', () => {
  it('loads the stored settings', async () => {
    const settings: Settings = { keyboard: false, keys: { ...DEFAULT_KEYS, save: 'a', tag: '' }, triagedRows: 'dim' };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: settings });
    await renderOptions();

    expect((screen.getByRole('checkbox', { name: 'Keyboard triage on listing pages' }) as HTMLInputElement).checked).toBe(false);
    expect(keyInput('Save').value).toBe('a');
    expect(keyInput('Tag').value).toBe('');
    expect(keyInput('Next entry').value).toBe('j');
    expect((screen.getByRole('combobox', { name: 'Rows already triaged' }) as HTMLSelectElement).value).toBe('dim');
    expect(screen.queryByRole('alert')).toBeNull();
    // The existing section is still there.
    expect(screen.getByRole('checkbox', { name: /Detect papers on every site automatically/ })).toBeTruthy();
  });

  it('labels a key input for every action', async () => {
    await renderOptions();
    for (const action of KEY_ACTIONS) {
      const input = keyInput(KEY_ACTION_LABELS[action]);
      expect(input.value).toBe(DEFAULT_KEYS[action]);
      expect(input.maxLength).toBe(1);
    }
  });

  it('falls back to the defaults for corrupt stored values', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { keyboard: 'yes', keys: { save: 'long', next: 7, skip: 'z' }, triagedRows: 'blink' },
    });
    await renderOptions();

    expect((screen.getByRole('checkbox', { name: 'Keyboard triage on listing pages' }) as HTMLInputElement).checked).toBe(true);
    expect(keyInput('Save').value).toBe('s');
    expect(keyInput('Next entry').value).toBe('j');
    expect(keyInput('Skip').value).toBe('z');
    expect((screen.getByRole('combobox', { name: 'Rows already triaged' }) as HTMLSelectElement).value).toBe('show');
  });

  it('falls back to the defaults when storage holds no object at all', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: 'garbage' });
    await renderOptions();
    for (const action of KEY_ACTIONS) expect(keyInput(KEY_ACTION_LABELS[action]).value).toBe(DEFAULT_KEYS[action]);
    expect((screen.getByRole('combobox', { name: 'Rows already triaged' }) as HTMLSelectElement).value).toBe('show');
  });

  it('saves a changed key at once', async () => {
    await renderOptions();
    await type('Save', 'a');
    expect(keyInput('Save').value).toBe('a');
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS, save: 'a' } }));
  });

  it('turns a key off when it is emptied', async () => {
    await renderOptions();
    await type('Tag', '');
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS, tag: '' } }));
  });

  it('shows a clash and saves nothing until it is resolved', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, triagedRows: 'hide' } });
    await renderOptions();
    const before = await stored();

    await type('Save', 'j');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“j” is set for both Next entry and Save.');
    expect(keyInput('Save').getAttribute('aria-invalid')).toBe('true');
    expect(keyInput('Next entry').getAttribute('aria-invalid')).toBe('true');
    expect(keyInput('Skip').getAttribute('aria-invalid')).toBeNull();
    expect(await stored()).toEqual(before);

    // Another field still saves, with the last keys that did not clash.
    await act(async () => {
      fireEvent.change(screen.getByRole('combobox', { name: 'Rows already triaged' }), { target: { value: 'dim' } });
    });
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, triagedRows: 'dim' }));
    expect(keyInput('Save').value).toBe('j');
    expect(screen.getByRole('alert')).toBeTruthy();

    // Moving Next entry elsewhere resolves the clash: both keys are saved.
    await type('Next entry', 'n');
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(async () =>
      expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, triagedRows: 'dim', keys: { ...DEFAULT_KEYS, save: 'j', next: 'n' } }),
    );
  });

  it('resets the keys to the defaults', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, keys: { ...DEFAULT_KEYS, save: 'a', tag: '' } } });
    await renderOptions();
    await type('Skip', 'j'); // a clash, left unresolved
    expect(screen.getByRole('alert')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reset keys' }));
    });
    for (const action of KEY_ACTIONS) expect(keyInput(KEY_ACTION_LABELS[action]).value).toBe(DEFAULT_KEYS[action]);
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(async () => expect(await stored()).toEqual(DEFAULT_SETTINGS));
  });

  it('saves the keyboard switch and the triaged-rows choice', async () => {
    await renderOptions();
    const select = screen.getByRole('combobox', { name: 'Rows already triaged' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Show', 'Dim', 'Hide']);

    await act(async () => {
      fireEvent.change(select, { target: { value: 'hide' } });
    });
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, triagedRows: 'hide' }));
    expect(select.value).toBe('hide');

    await act(async () => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Keyboard triage on listing pages' }));
    });
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, keyboard: false, triagedRows: 'hide' }));
  });

  it('follows changes saved elsewhere, so a later save keeps them', async () => {
    await renderOptions();
    // The page toolbar switches the triaged rows while the options page is open.
    await act(async () => {
      await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, triagedRows: 'dim' } });
    });
    expect((screen.getByRole('combobox', { name: 'Rows already triaged' }) as HTMLSelectElement).value).toBe('dim');

    await type('Save', 'a');
    await waitFor(async () =>
      expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, triagedRows: 'dim', keys: { ...DEFAULT_KEYS, save: 'a' } }),
    );
  });
});
