/** The last action's outcome, with Undo while it can still be undone. */
export function UndoBar({ message, busy, onUndo }: { message: string; busy: boolean; onUndo: () => void }) {
  return (
    <p className="undo" role="status">
      <span>{message}</span>
      <button type="button" disabled={busy} onClick={onUndo}>
        Undo
      </button>
    </p>
  );
}
