// Issue 17.2: deliveries that arrived before their endpoint (and its secret) was saved are re-judged
// once it is: the scope is every delivery whose path the endpoint matches now.
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/engine/api/dispatch-call';
import { createApiHandlers, type Handlers } from '../../../electron/engine/api/handlers';
import { bytes, startEngineFixture, type EngineFixture } from './engine-fixture';

const secret = 'added-later';
const payload = JSON.stringify({ zen: 'Design for failure.', hook_id: 42 });

let fx: EngineFixture;
let handlers: Handlers;
const call = async (name: string, input?: unknown) => {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

async function postGithub(path: string) {
  const answer = await fx.send({
    path,
    method: 'POST',
    rawHeaders: [
      ['Content-Type', 'application/json'],
      ['X-GitHub-Event', 'ping'],
      ['X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958'],
      ['X-Hub-Signature-256', await sign(secret, payload)],
    ],
    body: bytes(payload),
  });
  expect(answer.status).toBe(200);
  return fx.newest();
}

beforeAll(async () => {
  fx = await startEngineFixture();
  handlers = createApiHandlers(fx.engine, { shell: 'browser' });
});
afterAll(() => fx.close());

describe('re-verification after an endpoint is saved', () => {
  it('judges older deliveries on the path with the new secret, and leaves other paths alone', async () => {
    const before = await postGithub('/github');
    const nested = await postGithub('/github/org');
    const sibling = await postGithub('/githubber');
    for (const delivery of [before, nested, sibling]) {
      expect(delivery.endpoint).toBeNull();
      expect(delivery.verdict?.signature.status).not.toBe('valid');
    }

    await call('endpoints:set', {
      endpoints: [{ path: '/github', provider: 'github', secrets: [secret] }],
    });
    await fx.engine.captureRules.idle();

    const status = (id: string) => fx.engine.store.get(id)?.verdict?.signature.status;
    expect(status(before.id)).toBe('valid');
    expect(status(nested.id)).toBe('valid');
    // `/githubber` is not under `/github` (segment boundaries), so it keeps its old verdict.
    expect(status(sibling.id)).toBe(sibling.verdict?.signature.status);
  });

  it('deliveries:reverify {endpoint} counts every delivery the endpoint matches now', async () => {
    const result = (await call('deliveries:reverify', { endpoint: '/github' })) as {
      count: number;
    };
    expect(result.count).toBe(2);
  });
});
