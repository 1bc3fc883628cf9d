import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EndpointResponse } from '../../contract/endpoint';
import type { EndpointConfig } from '../receiver/types';
import { writeFileAtomic, type SecretVault } from '../secrets';
import { ForwardRule } from '../../contract/sender';

/** Bytes bodies (set through the UI) are stored as base64; text bodies as text. */
const StoredResponse = EndpointResponse.omit({ body: true }).extend({
  body: z.string().optional(),
  bodyBase64: z.base64().optional(),
});

const StoredEndpoint = z.strictObject({
  path: z.string().startsWith('/'),
  provider: z.string().min(1).optional(),
  handshake: z.boolean().optional(),
  response: StoredResponse.optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  /** Forward rules (issue 7: replay, forward and forge). */
  forward: z.array(ForwardRule).optional(),
});
type StoredEndpoint = z.infer<typeof StoredEndpoint>;

const SecretList = z.array(z.string());

export class EndpointsFileError extends Error {
  override name = 'EndpointsFileError';
}

/** The vault key holding one endpoint's secrets (a JSON array, rotation order). */
export const endpointSecretKey = (path: string): string => `endpoint-secrets:${path}`;

export interface EndpointBook {
  /** The endpoints saved by the last `save`, secrets read back from the vault. */
  load(): EndpointConfig[];
  /** Settings to endpoints.json, secrets to the vault; secrets of removed paths are deleted. */
  save(endpoints: readonly EndpointConfig[]): void;
}

/** Endpoints set through the UI survive restarts: `<dataDir>/endpoints.json` (no secrets) + vault. */
export function createEndpointBook(dataDir: string, vault: SecretVault): EndpointBook {
  const file = join(dataDir, 'endpoints.json');

  function readStored(): StoredEndpoint[] {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new EndpointsFileError(`${file}: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new EndpointsFileError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = z.array(StoredEndpoint).safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EndpointsFileError(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return parsed.data;
  }

  function secretsOf(path: string): string[] | undefined {
    const text = vault.get(endpointSecretKey(path));
    if (text === null) return undefined;
    const parsed = SecretList.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new EndpointsFileError(`the secrets of endpoint ${path} are damaged`);
    return parsed.data;
  }

  return {
    load() {
      return readStored().map(({ response, ...rest }) => {
        const endpoint: EndpointConfig = { ...rest };
        if (response) {
          const { bodyBase64, ...fields } = response;
          endpoint.response =
            bodyBase64 === undefined
              ? fields
              : { ...fields, body: new Uint8Array(Buffer.from(bodyBase64, 'base64')) };
        }
        const secrets = secretsOf(rest.path);
        if (secrets && secrets.length > 0) endpoint.secrets = secrets;
        return endpoint;
      });
    },
    save(endpoints) {
      const before = readStored().map((endpoint) => endpoint.path);
      const stored = endpoints.map(({ secrets: _secrets, response, ...rest }) => {
        if (!response) return rest;
        const { body, ...fields } = response;
        if (body === undefined || typeof body === 'string')
          return { ...rest, response: { ...fields, body } };
        return {
          ...rest,
          response: { ...fields, bodyBase64: Buffer.from(body).toString('base64') },
        };
      });
      // Secrets first: a crash in between leaves settings pointing at secrets that exist.
      const paths = new Set(endpoints.map((endpoint) => endpoint.path));
      for (const endpoint of endpoints) {
        const key = endpointSecretKey(endpoint.path);
        if (endpoint.secrets && endpoint.secrets.length > 0) {
          const text = JSON.stringify(endpoint.secrets);
          if (vault.get(key) !== text) vault.set(key, text);
        } else if (vault.get(key) !== null) vault.delete(key);
      }
      for (const path of before) if (!paths.has(path)) vault.delete(endpointSecretKey(path));
      writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
    },
  };
}
