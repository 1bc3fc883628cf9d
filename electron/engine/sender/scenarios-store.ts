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
 * credential headers (Authorization, Proxy-Authorization, ...) are dropped too: they are
 * recomputed when the scenario runs, and a captured one could be replayed by whoever receives the
 * file. Its URL loses user:password and credential-like query values (issue 13).
 */
export function withoutSecrets(scenario: Scenario): Scenario {
  const { rawHeaders, url, ...rest } = Scenario.parse(scenario);
  const clean: Scenario = url === undefined ? rest : { ...rest, url: withoutUrlSecrets(url) };
  if (!rawHeaders) return clean;
  return { ...clean, rawHeaders: rawHeaders.filter(([name]) => !isSecretHeader(name)) };
}

/**
 * Query keys that carry a credential or a signature (compared lower-case, after decoding):
 * exact names, and any key ending in one of the credential words (`hub.verify_token`,
 * `X-Amz-Signature`, `client_secret`).
 */
const SECRET_QUERY_KEYS = new Set([
  'key',
  'sig',
  'auth',
  'code',
  'pass',
  'pwd',
  'hmac',
  'jwt',
  'session',
  'sessionid',
]);
const SECRET_QUERY_SUFFIX =
  /(token|secret|password|passwd|signature|api[-_]?key|apikey|access[-_]?key|credential|credentials)$/;

export function isSecretQueryKey(key: string): boolean {
  let name = key;
  try {
    name = decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judge the raw spelling.
  }
  const lower = name.trim().toLowerCase();
  return SECRET_QUERY_KEYS.has(lower) || SECRET_QUERY_SUFFIX.test(lower);
}

/**
 * The scenario's URL without credentials: no `user:password@`, and credential-like query values
 * emptied (`?token=`), the key kept so the user sees what the target expects. Everything else
 * keeps its exact spelling: the URL is cut as text, never re-serialized.
 */
export function withoutUrlSecrets(url: string): string {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return url;
  const authorityStart = schemeEnd + 3;
  const rest = url.slice(authorityStart);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const afterAuthority = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  const hash = afterAuthority.indexOf('#');
  const beforeHash = hash < 0 ? afterAuthority : afterAuthority.slice(0, hash);
  const fragment = hash < 0 ? '' : afterAuthority.slice(hash);
  const question = beforeHash.indexOf('?');
  let pathAndQuery = beforeHash;
  if (question >= 0) {
    const query = beforeHash
      .slice(question + 1)
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const key = eq < 0 ? pair : pair.slice(0, eq);
        return eq >= 0 && isSecretQueryKey(key) ? `${key}=` : pair;
      })
      .join('&');
    pathAndQuery = `${beforeHash.slice(0, question)}?${query}`;
  }
  return `${url.slice(0, authorityStart)}${host}${pathAndQuery}${fragment}`;
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
    writeFileAtomic(file, `${JSON.stringify({ scenarios }, null, 2)}\n`, 0o600);

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
