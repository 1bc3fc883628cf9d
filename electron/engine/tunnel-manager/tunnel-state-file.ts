import { TUNNEL_STATE_KEY, TunnelState } from '../settings/schemas';
import { withSettings } from '../settings/settings-store';

/** The former file, imported once into the settings table (settings/legacy-files.ts). */
export const TUNNEL_STATE_FILE_NAME = 'tunnel.json';
/** Enough to answer "which URL did I give that provider last week?" without growing forever. */
export const MAX_URL_HISTORY = 100;

export type { TunnelState };

export interface TunnelStateStore {
  load(): TunnelState;
  save(state: TunnelState): void;
}

/**
 * Kept in the workspace's settings. A value that cannot be understood is reported (naming its
 * key) and the tunnel starts with an empty history: the receiver keeps working either way.
 */
export function createTunnelStateStore(
  dataDir: string,
  report: (error: Error) => void,
): TunnelStateStore {
  const empty = (): TunnelState => ({ settings: null, history: [] });
  return {
    load() {
      try {
        return withSettings(
          dataDir,
          (settings) => settings.read(TUNNEL_STATE_KEY, TunnelState, empty()),
          { onError: report },
        );
      } catch (error) {
        report(error instanceof Error ? error : new Error(String(error)));
        return empty();
      }
    },
    save(state) {
      const history = state.history.slice(-MAX_URL_HISTORY);
      withSettings(
        dataDir,
        (settings) =>
          settings.write(TUNNEL_STATE_KEY, TunnelState, { settings: state.settings, history }),
        { onError: report },
      );
    },
  };
}
