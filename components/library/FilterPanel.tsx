import { useId, useState } from 'react';
import { cleanTag, MAX_TAG } from '@/lib/messages';
import { parseDay, siteLabel, type LibraryFilters } from '@/lib/library-filters';
import { STATUSES, type Status } from '@/lib/paper';
import type { Facets } from '@/lib/search/catalog';

const STATUS_LABELS: Record<Status, string> = {
  inbox: 'Inbox',
  saved: 'Saved',
  queued: 'Queued',
  reading: 'Reading',
  read: 'Read',
  skipped: 'Skipped',
};

/** A year field: what is typed stays while it is incomplete; the filter changes at four digits or when emptied. */
function YearInput({ label, value, placeholder, onChange }: { label: string; value?: number; placeholder?: number; onChange: (year?: number) => void }) {
  const [draft, setDraft] = useState<string>();
  return (
    <label className="lib-filter-field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        pattern="[0-9]{4}"
        maxLength={4}
        placeholder={placeholder === undefined ? undefined : String(placeholder)}
        value={draft ?? (value === undefined ? '' : String(value))}
        onChange={(e) => {
          const text = e.target.value.replace(/\D/g, '');
          setDraft(text);
          if (text === '') onChange(undefined);
          else if (/^[12]\d{3}$/.test(text)) onChange(Number(text));
        }}
        onBlur={() => setDraft(undefined)}
      />
    </label>
  );
}

/** A set filter or none: `undefined` and empty values drop the key, so the hash stays short. */
function withFilter<K extends keyof LibraryFilters>(f: LibraryFilters, key: K, value: LibraryFilters[K] | undefined): LibraryFilters {
  const next = { ...f };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next;
}

/** Filters on the current list: tags (all or any), status, site, years, venue, date added, date last seen. */
export function FilterPanel({
  filters,
  tags,
  facets,
  onChange,
}: {
  filters: LibraryFilters;
  /** Every tag in use, for suggestions. */
  tags: readonly string[];
  facets: Facets;
  onChange: (filters: LibraryFilters) => void;
}) {
  const id = useId();
  const [tagDraft, setTagDraft] = useState('');
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K] | undefined) => onChange(withFilter(filters, key, value));
  const chosenTags = filters.tags ?? [];
  const addTag = () => {
    const tag = cleanTag(tagDraft);
    if (!tag || tag.length > MAX_TAG) return;
    if (!chosenTags.includes(tag)) set('tags', [...chosenTags, tag]);
    setTagDraft('');
  };
  const toggleStatus = (s: Status, on: boolean) => {
    const now = filters.status ?? [];
    set('status', on ? [...now, s] : now.filter((x) => x !== s));
  };
  const dayInput = (key: 'addedFrom' | 'addedTo' | 'seenFrom' | 'seenTo', label: string) => (
    <label className="lib-filter-field">
      <span>{label}</span>
      <input type="date" value={filters[key] ?? ''} onChange={(e) => set(key, parseDay(e.target.value))} />
    </label>
  );

  return (
    <form id="lib-filters" className="lib-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Tags</legend>
        {chosenTags.length > 0 && (
          <ul className="lib-filter-chips">
            {chosenTags.map((t) => (
              <li key={t}>
                <span className="tag-chip">#{t}</span>
                <button type="button" aria-label={`Remove tag filter ${t}`} onClick={() => set('tags', chosenTags.filter((x) => x !== t))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="lib-filter-row">
          <label htmlFor={`${id}-tag`} className="visually-hidden">
            Filter by tag
          </label>
          <input
            id={`${id}-tag`}
            type="text"
            list={`${id}-tags`}
            placeholder="Add a tag…"
            value={tagDraft}
            maxLength={MAX_TAG}
            autoComplete="off"
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addTag();
              }
            }}
          />
          <datalist id={`${id}-tags`}>
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <button type="button" onClick={addTag} disabled={!cleanTag(tagDraft)}>
            Add
          </button>
        </div>
        <div className="lib-filter-row" role="radiogroup" aria-label="Papers with">
          <label>
            <input type="radio" name={`${id}-mode`} checked={filters.tagMode !== 'any'} onChange={() => set('tagMode', undefined)} /> all of these tags
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={filters.tagMode === 'any'} onChange={() => set('tagMode', 'any')} /> any of them
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Status</legend>
        <div className="lib-filter-row">
          {STATUSES.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={filters.status?.includes(s) ?? false} onChange={(e) => toggleStatus(s, e.target.checked)} />{' '}
              {STATUS_LABELS[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="lib-filter-grid">
        <label className="lib-filter-field">
          <span>Seen on</span>
          <select value={filters.site ?? ''} onChange={(e) => set('site', e.target.value || undefined)}>
            <option value="">Any site</option>
            {facets.sites.map(({ site, count }) => (
              <option key={site} value={site}>
                {siteLabel(site)} ({count})
              </option>
            ))}
            {filters.site && !facets.sites.some((s) => s.site === filters.site) && <option value={filters.site}>{siteLabel(filters.site)}</option>}
          </select>
        </label>
        <label className="lib-filter-field">
          <span>Venue</span>
          <input
            type="text"
            list={`${id}-venues`}
            value={filters.venue ?? ''}
            maxLength={200}
            placeholder="e.g. NeurIPS"
            onChange={(e) => set('venue', e.target.value.trim() ? e.target.value : undefined)}
          />
          <datalist id={`${id}-venues`}>
            {facets.venues.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </label>
        <YearInput label="Year from" value={filters.yearFrom} placeholder={facets.years?.[0]} onChange={(y) => set('yearFrom', y)} />
        <YearInput label="Year to" value={filters.yearTo} placeholder={facets.years?.[1]} onChange={(y) => set('yearTo', y)} />
        {dayInput('addedFrom', 'Added from')}
        {dayInput('addedTo', 'Added to')}
        {dayInput('seenFrom', 'Last seen from')}
        {dayInput('seenTo', 'Last seen to')}
      </div>
      <button type="button" onClick={() => onChange({})} disabled={Object.keys(filters).length === 0}>
        Clear filters
      </button>
    </form>
  );
}
