// Optional: run the generic detectors on every site, once the user grants access to all sites.
// The grant is the browser's optional host permission; this file keeps the registered content
// script in step with it.
import { CONTENT_MATCHES } from './sites/matches';

/** What the user grants for automatic detection everywhere. */
export const EVERYWHERE = ['https://*/*', 'http://*/*'];
export const AUTO_SCRIPT_ID = 'sift-generic-everywhere';

export interface AutoDetectApi {
  granted(): Promise<boolean>;
  registeredIds(): Promise<string[]>;
  register(script: { id: string; matches: string[]; excludeMatches: string[]; js: string[] }): Promise<void>;
  unregister(id: string): Promise<void>;
}

/** Register or unregister the everywhere script to match the permission; returns whether it is on. */
export async function syncAutoDetect(api: AutoDetectApi): Promise<boolean> {
  const granted = await api.granted();
  const registered = (await api.registeredIds()).includes(AUTO_SCRIPT_ID);
  if (granted && !registered) {
    // Supported sites already have the declared content script.
    await api.register({ id: AUTO_SCRIPT_ID, matches: EVERYWHERE, excludeMatches: CONTENT_MATCHES, js: ['content-scripts/content.js'] });
  } else if (!granted && registered) {
    await api.unregister(AUTO_SCRIPT_ID);
  }
  return granted;
}

/** The browser's APIs behind AutoDetectApi. */
export function browserAutoDetectApi(): AutoDetectApi {
  return {
    granted: () => browser.permissions.contains({ origins: EVERYWHERE }),
    registeredIds: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
    register: (script) => browser.scripting.registerContentScripts([{ ...script, runAt: 'document_idle', persistAcrossSessions: true }]),
    unregister: (id) => browser.scripting.unregisterContentScripts({ ids: [id] }),
  };
}
