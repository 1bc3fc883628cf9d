// Runs corpus bodies through the engine's own verdict path (deriveFacts -> detect -> computeVerdict),
// the way the store derives facts for a captured delivery.
import type { RawHeaders } from '../../../../electron/contract/delivery';
import { deriveFacts } from '../../../../electron/engine/capture-rules/derive-facts';
import type { Verdict } from '../../../../electron/contract/verdict';
import { deliveryInput } from '../delivery-input';

const noUserSchemas = { userSchemas: { find: () => null } };

/** One payload a provider's code can emit, with the wire bytes it would send. */
export interface CorpusItem {
  /** Unique, readable: `task.create sqlite-php7 nulls`. */
  label: string;
  event: string;
  body: string;
}

/**
 * PHP's `json_encode` with default flags: `/` is escaped as `\/` and every non-ASCII character as
 * `\uXXXX` (UTF-16 code units, so astral characters become surrogate pairs), which is what Kanboard
 * and Phraseanet put on the wire.
 */
export function phpJsonEncode(value: unknown): string {
  const text = JSON.stringify(value);
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (text[index] === '/') out += '\\/';
    else if (unit > 0x7e) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += text[index];
  }
  return out;
}

/**
 * Facts of one delivery: with an endpoint configured for `providerId` (how a user sets up a
 * Kanboard/Phraseanet/Keyclic endpoint), or with no endpoint when `providerId` is null, so the
 * provider must be recognised among all of them.
 */
export function judge(
  providerId: string | null,
  body: string,
  headers: RawHeaders = [['Content-Type', 'application/json']],
  target = '/hooks/corpus',
): { provider: string | null; event: string | null; verdict: Verdict } {
  const facts = deriveFacts(
    {
      input: deliveryInput({ body, rawHeaders: headers, target }),
      endpoint: providerId === null ? null : { path: '/hooks/corpus', provider: providerId },
      truncated: false,
      handshake: false,
      via: 'local',
    },
    noUserSchemas,
  );
  // deriveFacts always judges a delivery it derives; a null verdict would be an engine bug.
  if (!facts.verdict) throw new Error('deriveFacts gave no verdict');
  return { provider: facts.provider, event: facts.event, verdict: facts.verdict };
}

type Json = Record<string, unknown>;

/** Sets (or with `undefined`, deletes) the member a JSON pointer names; returns the edited copy. */
export function mutate(body: string, pointer: string, value: unknown): string {
  const document = JSON.parse(body) as Json;
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = tokens.pop();
  if (last === undefined) throw new Error(`pointer ${pointer} names the whole document`);
  let parent: Json = document;
  for (const token of tokens) {
    const next = parent[token];
    if (next === null || typeof next !== 'object') throw new Error(`${pointer}: no ${token}`);
    parent = next as Json;
  }
  if (!(last in parent) && value === undefined) throw new Error(`${pointer}: nothing to delete`);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return JSON.stringify(document);
}
