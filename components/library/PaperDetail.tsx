// One paper in full, with its triage controls. Reads the database; every write goes to the
// background (lib/library-requests.ts), the only writer, and the live query shows the result.
// Page text is data: it is rendered as JSX text only, and only http(s) URLs become links.
import { Fragment, useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/lib/db';
import { library } from '@/lib/library-requests';
import { cleanTag, MAX_NOTE, MAX_TAG } from '@/lib/messages';
import type { PaperIds, PaperRecord, Status } from '@/lib/paper';
import '../library-detail.css';

const STATUS_BUTTONS: readonly { status: Status; label: string }[] = [
  { status: 'inbox', label: 'Inbox' },
  { status: 'saved', label: 'Save' },
  { status: 'queued', label: 'Queue' },
  { status: 'reading', label: 'Reading' },
  { status: 'read', label: 'Read' },
  { status: 'skipped', label: 'Skip' },
];

const RATINGS = [1, 2, 3, 4, 5] as const;

/** The URL when it is an absolute http(s) URL, else undefined (a `javascript:` URL never becomes a link). */
export function httpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Encode each path segment but keep the slashes (old arXiv ids, DOIs, dblp keys). */
const path = (s: string) => s.split('/').map(encodeURIComponent).join('/');

interface IdLink {
  key: string;
  label: string;
  value: string;
  href?: string;
}

/** Every identifier of the paper, each with a link where its kind has a home page. */
export function idLinks(ids: PaperIds): IdLink[] {
  const out: IdLink[] = [];
  if (ids.arxiv) {
    out.push({ key: 'arxiv', label: 'arXiv', value: ids.arxiv, href: `https://arxiv.org/abs/${path(ids.arxiv)}` });
    out.push({ key: 'arxiv-pdf', label: 'arXiv PDF', value: ids.arxiv, href: `https://arxiv.org/pdf/${path(ids.arxiv)}` });
  }
  if (ids.doi) out.push({ key: 'doi', label: 'DOI', value: ids.doi, href: `https://doi.org/${path(ids.doi)}` });
  if (ids.openreview)
    out.push({ key: 'openreview', label: 'OpenReview', value: ids.openreview, href: `https://openreview.net/forum?id=${encodeURIComponent(ids.openreview)}` });
  if (ids.pmid) out.push({ key: 'pmid', label: 'PubMed', value: ids.pmid, href: `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(ids.pmid)}/` });
  if (ids.pmcid) out.push({ key: 'pmcid', label: 'PMC', value: ids.pmcid, href: `https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(ids.pmcid)}/` });
  if (ids.acl) out.push({ key: 'acl', label: 'ACL Anthology', value: ids.acl, href: `https://aclanthology.org/${encodeURIComponent(ids.acl)}/` });
  if (ids.dblp) out.push({ key: 'dblp', label: 'dblp', value: ids.dblp, href: `https://dblp.org/rec/${path(ids.dblp)}` });
  if (ids.s2) out.push({ key: 's2', label: 'Semantic Scholar', value: ids.s2, href: `https://www.semanticscholar.org/paper/${encodeURIComponent(ids.s2)}` });
  // Keys that name nothing on their own web page: shown, not linked.
  if (ids.pmlr) out.push({ key: 'pmlr', label: 'PMLR', value: ids.pmlr });
  if (ids.neurips) out.push({ key: 'neurips', label: 'NeurIPS', value: ids.neurips });
  if (ids.cvf) out.push({ key: 'cvf', label: 'CVF', value: ids.cvf });
  return out;
}

function ExternalLink({ href, children, label }: { href: string; children: ReactNode; label?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" aria-label={label}>
      {children}
    </a>
  );
}

/** Text with its line breaks kept (without relying on CSS). */
function Lines({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function formatTime(at: number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? 'unknown time' : d.toLocaleString();
}

function isoTime(at: number): string | undefined {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

type Answer = { ok: true } | { ok: false; error: string };

export function PaperDetail({ paperId, onClose }: { paperId: string; onClose: () => void }) {
  // `null`: no such paper (deleted); `undefined`: still loading.
  const paper = useLiveQuery(async () => (await db.papers.get(paperId)) ?? null, [paperId]);
  const [error, setError] = useState<string>();
  const headingId = useId();

  // A different paper: forget the last one's error.
  useEffect(() => setError(undefined), [paperId]);

  /** Send one write; show its failure, clear an earlier one on success. */
  async function send(request: Promise<Answer>): Promise<boolean> {
    const res = await request;
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    setError(undefined);
    return true;
  }

  const alert = error ? (
    <p role="alert" className="detail-error">
      {error}
    </p>
  ) : null;

  if (paper === undefined || (paper && paper.id !== paperId)) {
    return (
      <section className="paper-detail" aria-busy="true" aria-label="Paper">
        <p className="detail-muted">Loading…</p>
      </section>
    );
  }

  if (paper === null) {
    return (
      <section className="paper-detail" aria-labelledby={headingId}>
        <div className="detail-top">
          <h2 id={headingId} className="detail-title">
            Paper not found
          </h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p className="detail-muted">This paper is no longer in your library.</p>
      </section>
    );
  }

  return (
    <section className="paper-detail" aria-labelledby={headingId}>
      <div className="detail-top">
        <h2 id={headingId} className="detail-title">
          {paper.title}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close paper details">
          Close
        </button>
      </div>
      {alert}
      <Meta paper={paper} />
      <StatusButtons paper={paper} send={send} />
      <Rating paper={paper} send={send} />
      <TagEditor paper={paper} send={send} setError={setError} />
      <NoteEditor paper={paper} send={send} />
      {paper.abstract && (
        <section className="detail-block" aria-labelledby={`${headingId}-abstract`}>
          <h3 id={`${headingId}-abstract`}>Abstract</h3>
          <p className="detail-abstract">{paper.abstract}</p>
        </section>
      )}
      <Links paper={paper} headingId={`${headingId}-links`} />
      <Sightings paper={paper} headingId={`${headingId}-seen`} />
    </section>
  );
}

type Send = (request: Promise<Answer>) => Promise<boolean>;

function Meta({ paper }: { paper: PaperRecord }) {
  const where = [paper.venue, paper.year !== undefined ? String(paper.year) : undefined].filter(Boolean).join(' · ');
  return (
    <div className="detail-meta">
      <p className="detail-authors" data-testid="detail-authors">
        {paper.authors.length ? paper.authors.join(', ') : 'Unknown authors'}
        {paper.authorsTruncated && <span className="detail-muted"> …and more</span>}
      </p>
      {where && (
        <p className="detail-venue" data-testid="detail-venue">
          {paper.venue && <span>{paper.venue}</span>}
          {paper.venue && paper.year !== undefined && ' · '}
          {paper.year !== undefined && <span>{paper.year}</span>}
        </p>
      )}
    </div>
  );
}

function StatusButtons({ paper, send }: { paper: PaperRecord; send: Send }) {
  return (
    <div className="detail-status" role="group" aria-label="Status">
      {STATUS_BUTTONS.map(({ status, label }) => (
        <button
          key={status}
          type="button"
          aria-pressed={paper.status === status}
          onClick={() => {
            if (paper.status !== status) void send(library.setStatus([paper.id], status));
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function Rating({ paper, send }: { paper: PaperRecord; send: Send }) {
  const current = paper.rating;
  return (
    <div className="detail-rating">
      <div role="group" aria-label="Rating" className="detail-stars">
        {RATINGS.map((n) => (
          <button
            key={n}
            type="button"
            className="star"
            aria-pressed={current === n}
            aria-label={`Rate ${n} of 5`}
            title={current === n ? 'Click again to clear the rating' : undefined}
            onClick={() => void send(library.setRating(paper.id, current === n ? undefined : n))}
          >
            {current !== undefined && n <= current ? '★' : '☆'}
          </button>
        ))}
      </div>
      <span className="detail-muted" data-testid="detail-rating">
        {current === undefined ? 'Not rated' : `Rated ${current} of 5`}
      </span>
    </div>
  );
}

function TagEditor({ paper, send, setError }: { paper: PaperRecord; send: Send; setError: (e: string | undefined) => void }) {
  const [draft, setDraft] = useState('');
  const [known, setKnown] = useState<string[]>([]);
  const inputId = useId();
  const listId = useId();

  // Autocomplete is a convenience: if the background cannot list the tags, the input still works.
  useEffect(() => {
    let live = true;
    void library.listTags().then((res) => {
      if (live && res.ok) setKnown(res.tags);
    });
    return () => {
      live = false;
    };
  }, [paper.id]);

  async function add() {
    const tag = cleanTag(draft);
    if (!tag) return;
    if (tag.length > MAX_TAG) {
      setError(`A tag must have at most ${MAX_TAG} characters.`);
      return;
    }
    if (paper.tags.includes(tag)) {
      setDraft('');
      return;
    }
    if (await send(library.editTags([paper.id], [tag], []))) {
      setDraft('');
      setKnown((k) => (k.includes(tag) ? k : [...k, tag]));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void add();
    }
  }

  const suggestions = known.filter((t) => !paper.tags.includes(t));
  return (
    <section className="detail-block detail-tags" aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>Tags</h3>
      {paper.tags.length > 0 ? (
        <ul className="tag-chips" aria-label="Tags of this paper">
          {paper.tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag}`} onClick={() => void send(library.editTags([paper.id], [], [tag]))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="detail-muted">No tags yet.</p>
      )}
      <div className="detail-row">
        <label htmlFor={inputId} className="visually-hidden">
          Add a tag
        </label>
        <input
          id={inputId}
          data-tag-input
          type="text"
          list={listId}
          value={draft}
          maxLength={MAX_TAG}
          placeholder="Add a tag…"
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <datalist id={listId}>
          {suggestions.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <button type="button" onClick={() => void add()} disabled={!cleanTag(draft)}>
          Add tag
        </button>
      </div>
    </section>
  );
}

function NoteEditor({ paper, send }: { paper: PaperRecord; send: Send }) {
  // `undefined`: not editing (the saved note is shown); a string: the text being edited.
  const [draft, setDraft] = useState<string>();
  const [saving, setSaving] = useState(false);
  const fieldId = useId();
  const saved = paper.note ?? '';
  const editing = draft !== undefined || !saved;
  const text = draft ?? saved;

  // Another paper: drop the unsaved text of the last one.
  useEffect(() => setDraft(undefined), [paper.id]);

  async function save() {
    setSaving(true);
    const ok = await send(library.setNote(paper.id, text));
    setSaving(false);
    if (ok) setDraft(undefined);
  }

  return (
    <section className="detail-block detail-note" aria-labelledby={`${fieldId}-h`}>
      <h3 id={`${fieldId}-h`}>Note</h3>
      {saved && draft === undefined && (
        <p className="note-text" data-testid="detail-note">
          <Lines text={saved} />
        </p>
      )}
      {editing ? (
        <>
          <label htmlFor={fieldId} className="visually-hidden">
            Note
          </label>
          <textarea id={fieldId} rows={4} maxLength={MAX_NOTE} value={text} placeholder="Your note (plain text)" onChange={(e) => setDraft(e.target.value)} />
          <div className="detail-row">
            <button type="button" className="primary" disabled={saving || text === saved} onClick={() => void save()}>
              Save note
            </button>
            {saved && (
              <button type="button" onClick={() => setDraft(undefined)}>
                Cancel
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="detail-row">
          <button type="button" onClick={() => setDraft(saved)}>
            Edit note
          </button>
        </div>
      )}
    </section>
  );
}

function Links({ paper, headingId }: { paper: PaperRecord; headingId: string }) {
  const ids = idLinks(paper.ids);
  const pdf = httpUrl(paper.pdfUrl);
  if (ids.length === 0 && !paper.pdfUrl) return null;
  return (
    <section className="detail-block" aria-labelledby={headingId}>
      <h3 id={headingId}>Links</h3>
      <ul className="detail-links">
        {ids.map((l) => (
          <li key={l.key}>
            <span className="detail-muted">{l.label}: </span>
            {l.href ? (
              <ExternalLink href={l.href} label={`${l.label}: ${l.value}`}>
                {l.value}
              </ExternalLink>
            ) : <span>{l.value}</span>}
          </li>
        ))}
        {paper.pdfUrl && (
          <li>
            <span className="detail-muted">PDF: </span>
            {pdf ? (
              <ExternalLink href={pdf} label={`PDF: ${paper.pdfUrl}`}>
                {paper.pdfUrl}
              </ExternalLink>
            ) : <span className="detail-url">{paper.pdfUrl}</span>}
          </li>
        )}
      </ul>
    </section>
  );
}

function Sightings({ paper, headingId }: { paper: PaperRecord; headingId: string }) {
  const seen = [...paper.sightings].sort((a, b) => b.at - a.at);
  return (
    <section className="detail-block" aria-labelledby={headingId}>
      <h3 id={headingId}>Where you saw it</h3>
      {seen.length === 0 ? (
        <p className="detail-muted">No sightings recorded.</p>
      ) : (
        <ul className="detail-sightings">
          {seen.map((s, i) => {
            const href = httpUrl(s.url);
            return (
              <li key={`${s.at}-${i}`} data-testid="sighting">
                <span className="sighting-site">{s.site}</span>{' '}
                <time dateTime={isoTime(s.at)} className="detail-muted">
                  {formatTime(s.at)}
                </time>
                <br />
                {href ? <ExternalLink href={href}>{s.url}</ExternalLink> : <span className="detail-url">{s.url}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
