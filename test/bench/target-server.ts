// A server under load, in its own process so it never shares an event loop with the load generator.
// Usage (forked by the bench): tsx test/bench/target-server.ts bare|hookscope|mockttp <dataDir>
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getLocal } from 'mockttp';

type Kind = 'bare' | 'hookscope' | 'mockttp';

async function start(
  kind: Kind,
  dataDir: string,
): Promise<{ url: string; count: () => Promise<number>; close?: () => Promise<void> }> {
  if (kind === 'bare') {
    // The baseline: read the body, answer 200 with a small JSON, like the receiver does.
    let seen = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, count: async () => seen };
  }
  if (kind === 'mockttp') {
    // HTTP Toolkit's engine with a catch-all rule that records every request (its default).
    const server = getLocal();
    await server.start();
    const endpoint = await server.forAnyRequest().thenReply(200, '{"ok":true}');
    return { url: server.url, count: async () => (await endpoint.getSeenRequests()).length };
  }
  // Imported here so the bare and mockttp baselines load none of the engine.
  const { createEngine } = await import('../../electron/engine/index');
  const engine = await createEngine({ dataDir, receiverPort: 0 });
  return {
    url: engine.receiver.url,
    count: async () => engine.store.count(),
    close: () => engine.close(),
  };
}

const [kind, dataDir] = process.argv.slice(2) as [Kind, string];
const target = await start(kind, dataDir);
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    void target
      .count()
      .then((count) => process.send?.({ type: 'stats', rss: process.memoryUsage().rss, count }));
  }
});
process.send?.({ type: 'ready', url: target.url });
// Shut down as the app does (the store's thread finishes its transaction), then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void (target.close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}
