import { useId, useState } from 'react';
import { cleanTag, MAX_TAG } from '@/lib/messages';

export type BulkStatus = 'saved' | 'queued' | 'read' | 'skipped';

const STATUS_BUTTONS: { status: BulkStatus; label: string }[] = [
  { status: 'saved', label: 'Save' },
  { status: 'queued', label: 'Queue' },
  { status: 'read', label: 'Read' },
  { status: 'skipped', label: 'Skip' },
];

/** Selection and the actions on it. */
export function BulkBar({
  total,
  selected,
  canOpen,
  onSelectAll,
  onClear,
  onStatus,
  onTag,
  onDelete,
  onOpen,
  onInvalidTag,
}: {
  total: number;
  selected: number;
  canOpen: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  onStatus: (status: BulkStatus) => void;
  onTag: (tag: string, add: boolean) => void;
  onDelete: () => void;
  onOpen: () => void;
  onInvalidTag: () => void;
}) {
  const [tag, setTag] = useState('');
  const tagInputId = useId();
  const none = selected === 0;
  const withTag = (add: boolean) => {
    const clean = cleanTag(tag);
    if (!clean || clean.length > MAX_TAG) {
      onInvalidTag();
      return;
    }
    onTag(clean, add);
  };
  return (
    <div className="lib-bulk" role="toolbar" aria-label="Selection">
      <div className="lib-bulk-row">
        <span className="lib-selected" data-testid="selected-count" aria-live="polite">
          {selected} of {total} selected
        </span>
        <button type="button" onClick={onSelectAll} disabled={total === 0}>
          Select all
        </button>
        <button type="button" onClick={onClear} disabled={none}>
          Clear
        </button>
        <button type="button" onClick={onOpen} disabled={!canOpen}>
          Open
        </button>
      </div>
      <div className="lib-bulk-row">
        {STATUS_BUTTONS.map(({ status, label }) => (
          <button key={status} type="button" disabled={none} onClick={() => onStatus(status)} aria-label={`${label} selected`}>
            {label}
          </button>
        ))}
        <button type="button" className="danger" disabled={none} onClick={onDelete} aria-label="Delete selected">
          Delete
        </button>
      </div>
      <div className="lib-bulk-row">
        <label htmlFor={tagInputId} className="visually-hidden">
          Tag for the selected papers
        </label>
        <input
          id={tagInputId}
          data-tag-input
          type="text"
          placeholder="tag"
          value={tag}
          maxLength={MAX_TAG}
          onChange={(e) => setTag(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !none) withTag(true);
          }}
        />
        <button type="button" disabled={none} onClick={() => withTag(true)} aria-label="Tag selected">
          Tag
        </button>
        <button type="button" disabled={none} onClick={() => withTag(false)} aria-label="Untag selected">
          Untag
        </button>
      </div>
    </div>
  );
}
