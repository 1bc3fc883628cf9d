import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TunnelSettings, TunnelUrlRecord } from '../../contract/tunnel';
import { writeFileAtomic } from '../secrets/atomic-file';
import { describeIssues } from '../zod-issues';

export const TUNNEL_STATE_FILE_NAME = 'tunnel.json';
/** Enough to answer "which URL did I give that provider last week?" without growing forever. */
export const MAX_URL_HISTORY = 100;

const TunnelStateFile = z.strictObject({
  version: z.literal(1),
  /** The settings of the last tunnel started (no secrets), to prefill the panel and `serve`. */
  settings: TunnelSettings.nullable(),
  history: z.array(TunnelUrlRecord),
});
export type TunnelState = Omit<z.infer<typeof TunnelStateFile>, 'version'>;

export interface TunnelStateStore {
  load(): TunnelState;
  save(state: TunnelState): void;
}

/**
 * `<dataDir>/tunnel.json`. A file that cannot be understood is moved aside (never overwritten) and
 * reported, and the tunnel starts with an empty history: the receiver keeps working either way.
 */
export function createTunnelStateStore(
  dataDir: string,
  report: (error: Error) => void,
): TunnelStateStore {
  const file = join(dataDir, TUNNEL_STATE_FILE_NAME);
  const empty = (): TunnelState => ({ settings: null, history: [] });
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
        report(new Error(`cannot read ${file}: ${(error as Error).message}`));
        return empty();
      }
      let problem: string;
      try {
        const parsed = TunnelStateFile.safeParse(JSON.parse(text));
        if (parsed.success) return { settings: parsed.data.settings, history: parsed.data.history };
        problem = describeIssues(parsed.error);
      } catch (error) {
        problem = `not JSON (${(error as Error).message})`;
      }
      const aside = `${file}.unreadable-${Date.now()}`;
      try {
        renameSync(file, aside);
        report(
          new Error(`${file} was not a valid tunnel state (${problem}); moved it to ${aside}`),
        );
      } catch (error) {
        report(
          new Error(
            `${file} is not a valid tunnel state (${problem}): ${(error as Error).message}`,
          ),
        );
      }
      return empty();
    },
    save(state) {
      const history = state.history.slice(-MAX_URL_HISTORY);
      writeFileAtomic(
        file,
        `${JSON.stringify({ version: 1, settings: state.settings, history }, null, 2)}\n`,
      );
    },
  };
}
