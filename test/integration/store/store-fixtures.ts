import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Verdict } from '../../../electron/contract/verdict';
import type { NewDelivery } from '../../../electron/engine/delivery';
import { newDeliveryId } from '../../../electron/engine/ids';

/** A fresh temp folder per test file; remove() deletes it with every SQLite side file. */
export function tempDir(): { dir: string; file: (name?: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-store-'));
  return {
    dir,
    file: (name = 'deliveries.db') => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function makeDelivery(overrides: Partial<NewDelivery> = {}): NewDelivery {
  const body = overrides.body ?? new TextEncoder().encode('{"hello":"world"}');
  return {
    id: newDeliveryId(),
    receivedAt: Date.now(),
    endpoint: 'default',
    remoteAddress: '127.0.0.1',
    method: 'POST',
    target: '/hooks/test',
    httpVersion: '1.1',
    rawHeaders: [
      ['Host', '127.0.0.1'],
      ['Content-Type', 'application/json'],
    ],
    body,
    size: body.byteLength,
    truncated: false,
    via: 'local',
    response: null,
    provider: null,
    event: null,
    handshake: false,
    verdict: null,
    ...overrides,
  };
}

export const FAILING_VERDICT: Verdict = {
  signature: { status: 'invalid', reason: 'HMAC mismatch' },
  schema: { status: 'no-schema', errors: [] },
  health: [],
};

export const OK_VERDICT: Verdict = {
  signature: { status: 'valid', reason: 'HMAC matches', details: { algorithm: 'sha256' } },
  schema: { status: 'valid', errors: [] },
  health: [{ code: 'bom', severity: 'info', message: 'no BOM' }],
};

export const WARNING_VERDICT: Verdict = {
  signature: { status: 'not-applicable', reason: 'no secret' },
  schema: { status: 'no-schema', errors: [] },
  health: [{ code: 'content-type', severity: 'warning', message: 'JSON sent as text/plain' }],
};
