import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { isRecord, jsonObject } from '../http-helpers';
import type { ForgeContext, ForgeShape } from '../types';
import { githubHeaderEvent } from './catalogue';

/**
 * The headers GitHub sends with every delivery, in its order (docs.github.com "Webhook events and
 * payloads", delivery headers; the header parameters of each entry of @octokit/openapi-webhooks).
 * @octokit/webhooks' middleware answers 400 without X-GitHub-Event, X-GitHub-Delivery or
 * X-Hub-Signature-256 (src/middleware/node/middleware.ts), so forge sends them all, with fresh ids.
 * The signature headers come from sign().
 */
export function forgeGithub(context: ForgeContext): ForgeShape {
  const body = jsonObject(context.body);
  const idOf = (key: string): number | null => {
    const value = body?.[key];
    return isRecord(value) && typeof value['id'] === 'number' ? value['id'] : null;
  };
  // Where the hook lives: a repository hook for repository events, else the organisation, else the app.
  const repositoryId = idOf('repository');
  const organizationId = idOf('organization');
  const target =
    repositoryId !== null
      ? { type: 'repository', id: repositoryId }
      : organizationId !== null
        ? { type: 'organization', id: organizationId }
        : { type: 'integration', id: randomInt(1, 2 ** 31) };
  return {
    headers: [
      ['X-GitHub-Delivery', randomUUID()],
      // Hookshot's version is a short commit hash (`GitHub-Hookshot/044aadd`).
      ['User-Agent', `GitHub-Hookshot/${randomBytes(4).toString('hex').slice(0, 7)}`],
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', githubHeaderEvent(context.event)],
      ['X-GitHub-Hook-ID', String(randomInt(1, 2 ** 31))],
      ['X-GitHub-Hook-Installation-Target-ID', String(target.id)],
      ['X-GitHub-Hook-Installation-Target-Type', target.type],
    ],
    framing: 'length',
  };
}
