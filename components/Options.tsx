import { useEffect, useId, useRef, useState } from 'react';
import { EVERYWHERE } from '@/lib/auto-detect';
import {
  DEFAULT_KEYS,
  KEY_ACTION_LABELS,
  KEY_ACTIONS,
  type KeyAction,
  type Settings,
  type TriagedRows,
  keyConflicts,
  loadSettings,
  parseSettings,
  saveSettings,
  watchSettings,
} from '@/lib/settings';

/** Settings: automatic detection on every site (an optional permission the user grants here) and in-page triage. */
export function Options() {
  const [everywhere, setEverywhere] = useState<boolean>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    void browser.permissions.contains({ origins: EVERYWHERE }).then(setEverywhere);
  }, []);

  const toggle = async (on: boolean) => {
    setError(undefined);
    try {
      // Called straight from the click: browsers ask for permissions only in a user gesture.
      const done = on ? await browser.permissions.request({ origins: EVERYWHERE }) : await browser.permissions.remove({ origins: EVERYWHERE });
      if (done) setEverywhere(on);
      else if (on) setError('Permission was not granted; Sift still detects papers on the supported sites.');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <main className="options">
      <h1>Sift settings</h1>
      <section>
        <h2>Where Sift looks for papers</h2>
        <p>
          Sift always reads paper listings on arXiv, Hugging Face, OpenReview, ACL Anthology, PMLR, NeurIPS, CVF, dblp, Google Scholar,
          Semantic Scholar, PubMed and bioRxiv. On any other page, click the Sift button (or press Alt+Shift+S) to look for papers there.
        </p>
        <label className="toggle">
          <input
            type="checkbox"
            checked={!!everywhere}
            disabled={everywhere === undefined}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />
          Detect papers on every site automatically (citation tags, JSON-LD, COinS). Your browser will ask for permission to read all
          sites; nothing leaves your computer.
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <TriageSettings />
    </main>
  );
}

const TRIAGED_ROWS: { value: TriagedRows; label: string }[] = [
  { value: 'show', label: 'Show' },
  { value: 'dim', label: 'Dim' },
  { value: 'hide', label: 'Hide' },
];

/** Canonical form of settings, to recognise the storage echo of our own saves. */
const fingerprint = (s: Settings) => JSON.stringify(parseSettings(s));
const sameKeys = (a: Record<KeyAction, string>, b: Record<KeyAction, string>) => KEY_ACTIONS.every((k) => a[k] === b[k]);

/** One sentence per clashing key, e.g. “j” is set for both Next entry and Save. */
function conflictMessages(keys: Record<KeyAction, string>): string[] {
  const byKey = new Map<string, string[]>();
  for (const action of keyConflicts(keys)) byKey.set(keys[action], [...(byKey.get(keys[action]) ?? []), KEY_ACTION_LABELS[action]]);
  return [...byKey].map(([key, labels]) => {
    const names = labels.length === 2 ? `both ${labels.join(' and ')}` : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
    return `“${key}” is set for ${names}.`;
  });
}

/**
 * Keyboard triage and triaged-row display on listing pages. Every valid change is saved at once; keys that clash stay a draft
 * here (and the last saved keys stay in force) until each action has its own key again.
 */
function TriageSettings() {
  const id = useId();
  /** What storage holds, as far as this page knows: every save starts from it, so other fields are never clobbered. */
  const saved = useRef<Settings>(undefined);
  /** Saves whose storage.onChanged echo has not come back yet, oldest first. */
  const echoes = useRef<string[]>([]);
  const [settings, setSettings] = useState<Settings>();
  /** The keys as typed, which may clash. */
  const [keys, setKeys] = useState<Record<KeyAction, string>>(DEFAULT_KEYS);
  const [saveError, setSaveError] = useState<string>();

  useEffect(() => {
    let live = true;
    const adopt = (next: Settings) => {
      const before = saved.current;
      saved.current = next;
      setSettings(next);
      // Keep a clashing draft when only another field changed (say, the page toolbar switched the triaged rows).
      if (!before || !sameKeys(before.keys, next.keys)) setKeys(next.keys);
    };
    // Changes made elsewhere (the page toolbar, another options tab) show up here, so a later save does not undo them.
    const unwatch = watchSettings((next) => {
      const i = echoes.current.indexOf(fingerprint(next));
      if (i >= 0) {
        echoes.current.splice(0, i + 1);
        return;
      }
      echoes.current = [];
      adopt(next);
    });
    void loadSettings().then((loaded) => {
      if (live && !saved.current) adopt(loaded);
    });
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const save = (change: Partial<Settings>) => {
    const current = saved.current;
    if (!current) return;
    const next = { ...current, ...change };
    if (fingerprint(next) === fingerprint(current)) return;
    saved.current = next;
    setSettings(next);
    const print = fingerprint(next);
    echoes.current.push(print);
    setSaveError(undefined);
    saveSettings(next).catch((err: unknown) => {
      echoes.current = echoes.current.filter((e) => e !== print);
      setSaveError(`Could not save the settings: ${err instanceof Error ? err.message : String(err)}`);
    });
  };

  const changeKeys = (nextKeys: Record<KeyAction, string>) => {
    setKeys(nextKeys);
    if (keyConflicts(nextKeys).length === 0) save({ keys: nextKeys });
  };

  const conflicts = keyConflicts(keys);
  const messages = conflictMessages(keys);
  const conflictId = `${id}-conflicts`;
  const rowsHintId = `${id}-rows-hint`;
  const keysHintId = `${id}-keys-hint`;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Triage on listing pages</h2>
      {!settings ? (
        <p className="hint">Loading…</p>
      ) : (
        <>
          <label className="toggle">
            <input type="checkbox" checked={settings.keyboard} onChange={(e) => save({ keyboard: e.currentTarget.checked })} />
            Keyboard triage on listing pages
          </label>

          <table className="keys">
            <caption id={keysHintId}>Keys are case-sensitive; leave a key empty to turn it off.</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Key</th>
              </tr>
            </thead>
            <tbody>
              {KEY_ACTIONS.map((action) => {
                const clash = conflicts.includes(action);
                return (
                  <tr key={action}>
                    <th scope="row">
                      <label htmlFor={`${id}-key-${action}`}>{KEY_ACTION_LABELS[action]}</label>
                    </th>
                    <td>
                      <input
                        id={`${id}-key-${action}`}
                        type="text"
                        className="key"
                        aria-label={`Key for ${KEY_ACTION_LABELS[action]}`}
                        aria-describedby={clash ? `${conflictId} ${keysHintId}` : keysHintId}
                        aria-invalid={clash || undefined}
                        maxLength={1}
                        autoComplete="off"
                        spellCheck={false}
                        value={keys[action]}
                        // Typing then replaces the key rather than being blocked by maxLength.
                        onFocus={(e) => e.currentTarget.select()}
                        onChange={(e) => changeKeys({ ...keys, [action]: [...e.currentTarget.value].slice(-1).join('') })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {messages.length > 0 && (
            <div className="error" role="alert" id={conflictId}>
              {messages.map((m) => (
                <p key={m}>{m}</p>
              ))}
              <p>Give each action its own key; the keys are saved once they no longer clash.</p>
            </div>
          )}
          <p>
            <button type="button" onClick={() => changeKeys(DEFAULT_KEYS)}>
              Reset keys
            </button>
          </p>

          <div className="field">
            <label htmlFor={`${id}-rows`}>Rows already triaged</label>
            <select
              id={`${id}-rows`}
              aria-describedby={rowsHintId}
              value={settings.triagedRows}
              onChange={(e) => save({ triagedRows: e.currentTarget.value as TriagedRows })}
            >
              {TRIAGED_ROWS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <p className="hint" id={rowsHintId}>
            Dim and Hide restyle the listing’s own rows, so the page itself could notice which papers you have triaged.
          </p>
        </>
      )}
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
    </section>
  );
}
