import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/index';
import { withPortFallback } from '../../../electron/main/receiver-port';

describe('desktop receiver port', () => {
  it('falls back to a free port when the preferred one is taken, and says so', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-port-'));
    const notices: string[] = [];
    const engine = await withPortFallback(
      (receiverPort) => createEngine({ dataDir, receiverPort }),
      taken,
      (error) => notices.push(error.message),
    );
    try {
      expect(engine.receiver.port).not.toBe(taken);
      expect(notices).toEqual([`port ${taken} on 127.0.0.1 is already in use`]);
    } finally {
      await engine.close();
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('does not hide other start failures', async () => {
    const failure = Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    await expect(
      withPortFallback(
        () => Promise.reject(failure),
        8787,
        () => undefined,
      ),
    ).rejects.toBe(failure);
  });
});
