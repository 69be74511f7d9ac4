// Styles inside Sift's shadow roots. Pills carry their own colours, so they read on light and dark pages.
export const BADGE_CSS = `
:host { all: initial !important; display: inline-block !important; position: relative !important; vertical-align: middle !important;
  width: 9em !important; height: 1.6em !important; margin: 0 0 0 .5em !important; font: 12px/1 system-ui, sans-serif !important; }
/* Absolute: the host's size never depends on what the badge says (the page must not learn it). */
button { position: absolute; inset: 0; box-sizing: border-box; width: 100%; margin: 0; padding: 0 .6em; border: 1px solid transparent;
  border-radius: 999px; font: inherit; text-align: left; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: pointer;
  user-select: none; background: #e8eaed; color: #202124; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 1px; }
.new { background: #d2e3fc; color: #0b3d91; border-color: #8ab4f8; font-weight: 600; }
.seen { background: #f1f3f4; color: #3c4043; border-color: #dadce0; }
.saved { background: #137333; color: #fff; }
.queued { background: #b06000; color: #fff; }
.reading { background: #7627bb; color: #fff; }
.read { background: #5f6368; color: #fff; }
.skipped { background: transparent; color: #80868b; border-color: #9aa0a6; text-decoration: line-through; }
.focused { box-shadow: 0 0 0 2px #1a73e8; }
`;

export const TOOLBAR_CSS = `
:host { all: initial !important; }
* { box-sizing: border-box; }
.panel, .menu, .toast, .help { position: fixed; z-index: 2147483647; font: 13px/1.4 system-ui, sans-serif;
  color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 4px 18px rgba(0,0,0,.25); }
:host { --fg: #202124; --bg: #fff; --muted: #5f6368; --line: #dadce0; --accent: #1a73e8; --hover: #f1f3f4; }
@media (prefers-color-scheme: dark) { :host { --fg: #e8eaed; --bg: #202124; --muted: #9aa0a6; --line: #5f6368; --accent: #8ab4f8; --hover: #303134; } }
button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; cursor: pointer; }
button:hover { background: var(--hover); }
button:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.panel { padding: 6px 8px; display: flex; flex-direction: column; gap: 6px; max-width: min(420px, 90vw); }
.head { display: flex; align-items: center; gap: 8px; }
.grip { cursor: move; font-weight: 700; user-select: none; touch-action: none; }
.counts { color: var(--muted); flex: 1; white-space: nowrap; }
.row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.collapsed .row { display: none; }
select, input, textarea { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 6px; }
.menu { padding: 6px; width: 260px; display: flex; flex-direction: column; gap: 6px; }
.menu .title { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.menu .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 4px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip { border-radius: 999px; padding: 1px 6px; }
.menu textarea { width: 100%; min-height: 4em; resize: vertical; }
.toast { left: 50%; bottom: 24px; transform: translateX(-50%); padding: 8px 12px; display: flex; gap: 12px; align-items: center; }
.help { left: 50%; top: 50%; transform: translate(-50%, -50%); padding: 12px 16px; min-width: 260px; }
.help table { border-collapse: collapse; }
.help td { padding: 2px 8px; }
kbd { font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
.focus { position: fixed; z-index: 2147483646; pointer-events: none; border: 2px solid #1a73e8; border-radius: 6px; background: rgba(26,115,232,.06); }
.error { color: #d93025; }
@media (prefers-color-scheme: dark) { .error { color: #f28b82; } }
[hidden] { display: none !important; }
`;
