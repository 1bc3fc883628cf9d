// Issue 16 in the app, against the real engine in-process (support/engine-bridge.tsx): the drift
// badge, filter and explanation of a delivery that departs from its learned shape; and a suite
// saved from the inbox, run from the Suites view against a real local target, failed case re-run.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAppOnEngine, startEngineBridge, type EngineBridge } from './support/engine-bridge';
import { stubInboxViewport } from './support/render-app';

let restoreViewport: () => void;
let bridge: EngineBridge | null = null;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
});
afterEach(async () => {
  cleanup();
  restoreViewport();
  await bridge?.close();
  bridge = null;
});

const task = (id: number, timeEstimated: number | null) =>
  JSON.stringify({
    event_name: 'task.create',
    event_data: { task_id: id, task: { id, title: `T${id}`, time_estimated: timeEstimated } },
  });

describe('drift in the inbox and the detail', () => {
  it('marks the drifted delivery, filters to it, and explains the change in a sentence', async () => {
    bridge = await startEngineBridge([{ path: '/kanboard', provider: 'kanboard' }]);
    await bridge.api.call('learning:settings', { settleAfter: 3 });
    for (let i = 1; i <= 3; i++) await bridge.deliver('/kanboard', task(i, 60));
    const drifted = await bridge.deliver('/kanboard', task(4, null));
    const { store } = await renderAppOnEngine(bridge);

    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(4));
    const marked = screen.getAllByTestId('row-drift');
    expect(marked).toHaveLength(1);
    expect(marked[0]?.closest('[data-delivery-id]')?.getAttribute('data-delivery-id')).toBe(
      drifted,
    );

    fireEvent.change(screen.getByTestId('filter-drift'), { target: { value: 'drift' } });
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(1));

    act(() => store.getState().select(drifted));
    const change = await screen.findByTestId('drift-change');
    expect(change.textContent).toMatch(
      /^type-change \/event_data\/task\/time_estimated: was integer in 3 deliveries since \d{4}-\d{2}-\d{2}, now null$/,
    );
  });
});

describe('suites from the inbox to the Suites view', () => {
  let target: Server;
  let targetUrl = '';
  beforeEach(async () => {
    // Answers 500 to the delivery that says so, 200 to the others.
    target = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const bad = Buffer.concat(chunks).toString().includes('"bad"');
        response.statusCode = bad ? 500 : 200;
        response.end(bad ? 'consumer exploded' : 'ok');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/consumer`;
  });
  afterEach(() => target.close());

  it('saves the shown deliveries as a suite, runs it, shows the failure and re-runs it', async () => {
    bridge = await startEngineBridge();
    await bridge.deliver('/hooks', '{"n":1}');
    await bridge.deliver('/hooks', '{"bad":true}');
    const { store } = await renderAppOnEngine(bridge);
    await waitFor(() => expect(screen.getAllByTestId('delivery-row')).toHaveLength(2));

    fireEvent.click(screen.getByTestId('save-suite'));
    const dialog = screen.getByTestId('save-suite-dialog');
    fireEvent.change(within(dialog).getByTestId('save-suite-name'), { target: { value: 'Smoke' } });
    fireEvent.click(within(dialog).getByTestId('save-suite-confirm'));
    expect((await within(dialog).findByTestId('save-suite-message')).textContent).toBe(
      'Saved "Smoke" with 2 cases: run it from Suites.',
    );

    act(() => store.getState().setView('suites'));
    const item = await screen.findByTestId('suite-item');
    expect(item.textContent).toBe('Smoke 2 cases');
    fireEvent.change(screen.getByTestId('suite-target'), { target: { value: targetUrl } });
    fireEvent.click(screen.getByTestId('suite-run'));
    const summary = await screen.findByTestId('suite-summary', {}, { timeout: 10_000 });
    expect(summary.textContent).toMatch(
      /^1 passed, 1 failed against http:\/\/127\.0\.0\.1:\d+\/consumer/,
    );

    const failed = screen
      .getAllByTestId('suite-case')
      .filter((row) => row.dataset['ok'] === 'false');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.textContent).toMatch(/500.*status 500, expected 2xx/);
    fireEvent.click(failed[0]!);
    expect(screen.getByTestId('suite-case-answer').textContent).toContain('consumer exploded');

    const rerun = screen.getByTestId('suite-rerun-failed');
    expect(rerun.textContent).toBe('Re-run failed (1)');
    fireEvent.click(rerun);
    await waitFor(() =>
      expect(screen.getByTestId('suite-rerun-failed').hasAttribute('disabled')).toBe(false),
    );
    // Still failing (the target did not change), and the passing case kept its row.
    expect(screen.getByTestId('suite-summary').textContent).toMatch(/^1 passed, 1 failed/);
    expect(screen.getAllByTestId('suite-case')).toHaveLength(2);
  });
});
