import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scenario } from '../../contract/sender';
import { writeFileAtomic } from '../secrets/atomic-file';
import { describeIssues } from '../zod-issues';
import { isSecretHeader } from './secret-headers';

/** Saved forges, one JSON file in the data dir, meant to be shared: it never holds a secret. */
export const SCENARIOS_FILE = 'scenarios.json';

export interface ScenariosStore {
  list(): Scenario[];
  get(name: string): Scenario | null;
  /** Adds or replaces the scenario with this name; returns it as saved (secrets stripped). */
  save(scenario: Scenario): Scenario;
  delete(name: string): boolean;
}

export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

/**
 * SECURITY: a scenario names which endpoint's secret signs it, never the secret. Signature and
 * credential headers are dropped too: they are recomputed when the scenario runs, and a captured
 * one could be replayed by whoever receives the file.
 */
export function withoutSecrets(scenario: Scenario): Scenario {
  const { rawHeaders, ...rest } = Scenario.parse(scenario);
  if (!rawHeaders) return rest;
  return { ...rest, rawHeaders: rawHeaders.filter(([name]) => !isSecretHeader(name)) };
}

export function openScenariosStore(dataDir: string): ScenariosStore {
  const file = join(dataDir, SCENARIOS_FILE);

  const read = (): Scenario[] => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ScenarioFileError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = Scenario.array().safeParse((json as { scenarios?: unknown } | null)?.scenarios);
    if (!parsed.success) throw new ScenarioFileError(`${file}: ${describeIssues(parsed.error)}`);
    return parsed.data;
  };
  const write = (scenarios: Scenario[]) =>
    writeFileAtomic(file, `${JSON.stringify({ scenarios }, null, 2)}\n`, 0o644);

  return {
    list: read,
    get: (name) => read().find((scenario) => scenario.name === name) ?? null,
    save(scenario) {
      const clean = withoutSecrets(scenario);
      const others = read().filter((existing) => existing.name !== clean.name);
      write([...others, clean]);
      return clean;
    },
    delete(name) {
      const all = read();
      const kept = all.filter((scenario) => scenario.name !== name);
      if (kept.length === all.length) return false;
      write(kept);
      return true;
    },
  };
}
