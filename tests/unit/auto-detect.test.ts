import { AUTO_SCRIPT_ID, EVERYWHERE, syncAutoDetect, type AutoDetectApi } from '../../lib/auto-detect';
import { CONTENT_MATCHES } from '../../lib/sites/matches';

function fakeApi(granted: boolean, registered: string[] = []) {
  const state = { granted, registered: [...registered] };
  const api: AutoDetectApi = {
    granted: async () => state.granted,
    registeredIds: async () => state.registered,
    register: vi.fn(async (s) => void state.registered.push(s.id)),
    unregister: vi.fn(async (id) => void (state.registered = state.registered.filter((x) => x !== id))),
  };
  return { api, state };
}

describe('automatic detection everywhere', () => {
  it('registers the generic script on every site except the supported ones once the permission is granted', async () => {
    const { api, state } = fakeApi(true);
    expect(await syncAutoDetect(api)).toBe(true);
    expect(api.register).toHaveBeenCalledWith({ id: AUTO_SCRIPT_ID, matches: EVERYWHERE, excludeMatches: CONTENT_MATCHES, js: ['content-scripts/content.js'] });
    expect(state.registered).toEqual([AUTO_SCRIPT_ID]);
    await syncAutoDetect(api);
    expect(api.register).toHaveBeenCalledTimes(1);
  });

  it('unregisters it when the permission is removed, and leaves other scripts alone', async () => {
    const { api, state } = fakeApi(false, ['other', AUTO_SCRIPT_ID]);
    expect(await syncAutoDetect(api)).toBe(false);
    expect(state.registered).toEqual(['other']);
    expect(api.register).not.toHaveBeenCalled();
  });

  it('does nothing without the permission', async () => {
    const { api } = fakeApi(false);
    await syncAutoDetect(api);
    expect(api.register).not.toHaveBeenCalled();
    expect(api.unregister).not.toHaveBeenCalled();
  });
});
