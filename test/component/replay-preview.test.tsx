// Replay's exact-request preview (issue 17.6) with the engine's real sender code and a real store
// behind the contract: what the preview shows is what replay would send, re-signing included.
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallOutput, HookscopeApi } from '../../electron/contract/api';
import type { DeliveryDetail } from '../../electron/contract/delivery';
import type { Result } from '../../electron/contract/result';
import { dispatchCall } from '../../electron/engine/api/dispatch-call';
import type { Handlers } from '../../electron/engine/api/handlers';
import { createSenderHandlers } from '../../electron/engine/api/sender-handlers';
import { databaseFile } from '../../electron/engine/data-dir';
import type { Engine } from '../../electron/engine/engine-types';
import type { AttemptsStore } from '../../electron/engine/sender/attempts-store';
import { createSenderService } from '../../electron/engine/sender/sender-service';
import { openDeliveryStore } from '../../electron/engine/store';
import type { DeliveryStore } from '../../electron/engine/store/types';
import { createAppApi } from '../../renderer/src/api';
import { AppProvider } from '../../renderer/src/app-context';
import { ConfirmProvider } from '../../renderer/src/features/common/confirm-context';
import { ReplayEditor } from '../../renderer/src/features/replay/replay-editor';
import { createAppStore } from '../../renderer/src/store/app-store';
import { startSync } from '../../renderer/src/store/sync';
import { makeDelivery } from '../integration/store/store-fixtures';

configure({ asyncUtilTimeout: 10_000 });
const RECEIVER = 'http://127.0.0.1:8080';
const BODY = '{"zen":"Speak like a human.","hook_id":9}';
let dataDir: string;
let store: DeliveryStore;

class SenderBridge implements HookscopeApi {
  readonly handlers: Partial<Handlers>;
  constructor() {
    const sender = createSenderService({
      dataDir,
      store,
      attempts: { onRecorded: () => () => {} } as unknown as AttemptsStore,
      endpoints: () => [],
      ownUrls: () => ({ receiverUrl: RECEIVER, publicUrls: [] }),
    });
    this.handlers = createSenderHandlers({ sender, dataDir } as unknown as Engine);
  }
  call<C extends CallName>(name: C, ...args: CallArgs<C>): Promise<Result<CallOutput<C>>> {
    return dispatchCall(this.handlers as Handlers, name, args[0] ?? {}) as Promise<
      Result<CallOutput<C>>
    >;
  }
  on() {
    return () => {};
  }
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hookscope-replay-preview-'));
  store = openDeliveryStore(databaseFile(dataDir));
});
afterEach(async () => {
  cleanup();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the replay preview', () => {
  it('shows the exact request, and the fresh signature when re-signing', async () => {
    const captured = makeDelivery({
      target: '/github',
      provider: 'github',
      rawHeaders: [
        ['Content-Type', 'application/json'],
        ['X-GitHub-Event', 'ping'],
        ['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`],
      ],
      body: new TextEncoder().encode(BODY),
    });
    store.appendBatch([captured]);
    const delivery = store.get(captured.id) as unknown as DeliveryDetail;
    const api = createAppApi(new SenderBridge());
    const app = createAppStore();
    render(
      <AppProvider services={{ api, store: app, sync: startSync(api, app) }}>
        <ConfirmProvider>
          <ReplayEditor delivery={delivery} onSent={() => {}} />
        </ConfirmProvider>
      </AppProvider>,
    );
    fireEvent.change(screen.getByTestId('replay-url'), {
      target: { value: 'http://localhost:7000/hooks?x=1' },
    });
    const preview = await screen.findByTestId('replay-preview');
    await waitFor(() => expect(preview.textContent).toContain('POST /hooks?x=1 HTTP/1.1'));
    expect(preview.textContent).toMatch(/^host: localhost:7000$/im);
    expect(preview.textContent).toContain(`X-Hub-Signature-256: sha256=${'0'.repeat(64)}`);
    expect(preview.textContent).toContain(BODY);

    fireEvent.click(screen.getByTestId('replay-resign'));
    fireEvent.change(screen.getByTestId('replay-secret'), { target: { value: 'hush' } });
    const expected = createHmac('sha256', 'hush').update(BODY).digest('hex');
    await waitFor(() =>
      expect(screen.getByTestId('replay-preview').textContent).toContain(
        `X-Hub-Signature-256: sha256=${expected}`,
      ),
    );
  });
});
