// Hookscope's real engine as the receiving side of a Preservica subscription. createEngine does not
// wire provider handshakes yet, so this responder does what the integrator's will: it asks the
// endpoint's provider (the real preservica module) for the handshake answer and tells the challenge
// watch what happened.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEngine,
  type Engine,
  type EndpointConfig,
  type Responder,
} from '../../../electron/engine';
import { preservica } from '../../../electron/engine/providers/preservica';
import { queryParam } from '../../../electron/engine/providers/request-target';
import type { ChallengeWatch } from '../../../electron/engine/subscriptions';

export interface ReceivingEngine {
  engine: Engine;
  /** Receiver base URL, e.g. http://127.0.0.1:PORT (stands for the public URL). */
  url: string;
  close(): Promise<void>;
}

function handshakeResponder(watch: ChallengeWatch | undefined): Responder {
  return (capture, endpoint) => {
    if (!endpoint || endpoint.provider !== 'preservica' || !endpoint.handshake) return null;
    const answer = preservica.handshake?.(
      {
        method: capture.method,
        target: capture.target,
        rawHeaders: capture.rawHeaders,
        body: capture.body,
        receivedAt: capture.receivedAt,
      },
      { secrets: endpoint.secrets ?? [], options: endpoint.options ?? {} },
    );
    if (!answer) return null;
    const code = queryParam(capture.target, 'challengeCode') ?? '';
    watch?.notifyChallenge(endpoint.path, code, answer.status === 200);
    return {
      answer: { status: answer.status, headers: answer.headers, body: answer.body },
      facts: { provider: 'preservica', handshake: true },
    };
  };
}

export async function startReceivingEngine(
  endpoints: EndpointConfig[],
  watch?: ChallengeWatch,
): Promise<ReceivingEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hookscope-subscriptions-'));
  const engine = await createEngine({
    dataDir,
    receiverPort: 0,
    endpoints,
    responder: handshakeResponder(watch),
  });
  return {
    engine,
    url: engine.receiver.url,
    async close() {
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
