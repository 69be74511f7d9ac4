import { useEffect, useState } from 'react';
import { EVERYWHERE } from '@/lib/auto-detect';

/** Settings: automatic detection on every site (an optional permission the user grants here). */
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
    </main>
  );
}
