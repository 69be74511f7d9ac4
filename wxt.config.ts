import { defineConfig } from 'wxt';

// `npm start` opens this browser; set SIFT_CHROME to any Chrome/Chromium binary.
const chromeBinary = process.env.SIFT_CHROME ?? (process.platform === 'linux' ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Sift — paper triage',
    description: 'Remembers every paper you see on arXiv and Hugging Face listings and lets you triage them fast.',
    // The side panel API needs its permission in Chrome; Firefox's sidebar needs none.
    // activeTab + scripting: run the generic detectors on the current page when the user asks.
    // storage: settings and the toolbar's place per site (storage.local, on this computer only).
    // contextMenus (Chrome) / menus (Firefox): "Open the Sift library" on the toolbar button's menu.
    permissions: ['activeTab', 'scripting', 'storage', ...(browser === 'firefox' ? ['menus'] : ['sidePanel', 'contextMenus'])],
    action: { default_title: 'Sift' },
    // Asked for only when the user turns on "detect papers on every site" in Settings.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Open the popup from the keyboard; users can change it in the browser's shortcut settings.
    // open-library opens the side panel (Chrome) or sidebar (Firefox); see wireOpenLibrary in lib/ui.ts.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+S' }, description: 'Show the papers on this page' },
      'open-library': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Open the Sift library' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'sift@sift.local',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  webExt: {
    binaries: chromeBinary ? { chrome: chromeBinary } : undefined,
    chromiumArgs: [
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium refuses to start as root (containers, CI) without this.
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  },
});
