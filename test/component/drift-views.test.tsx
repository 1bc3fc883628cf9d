// Issue 16 beyond the inbox, against the real engine in-process (support/engine-bridge.tsx): the
// timeline marks where drift began, and the Endpoints view offers each learned model's schema.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
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

/** /kanboard learned from 3 deliveries of task.create, then one with time_estimated null. */
async function learnedWithDrift() {
  bridge = await startEngineBridge([{ path: '/kanboard', provider: 'kanboard' }]);
  await bridge.api.call('learning:settings', { settleAfter: 3 });
  for (let i = 1; i <= 3; i++) await bridge.deliver('/kanboard', task(i, 60));
  await bridge.deliver('/kanboard', task(4, null));
  return renderAppOnEngine(bridge);
}

describe('drift outside the inbox', () => {
  it('marks where drift began on the timeline, naming the model', async () => {
    const { store } = await learnedWithDrift();
    act(() => store.getState().setView('timeline'));
    const marker = await screen.findByTestId('chart-marker');
    expect(marker.textContent).toBe('Drift began: task.create on /kanboard (1 drifted)');
    expect(screen.getAllByTestId('chart-marker')).toHaveLength(1);
  });

  it('lists the learned model in Endpoints, compares it with the provider schema and uses it', async () => {
    const { store } = await learnedWithDrift();
    act(() => store.getState().setView('endpoints'));
    fireEvent.click(await screen.findByTestId('endpoint-item'));
    const model = await screen.findByTestId('learned-model');
    expect(model.textContent).toContain('task.create');
    expect(model.textContent).toContain('1 drifted');

    fireEvent.click(within(model).getByTestId('compare-learned'));
    // Kanboard's task.create schema requires task.project_id; these bodies never carry it.
    const table = await within(model).findByTestId('learned-comparison');
    expect(within(table).getByText(/^Where kanboard task\.create and/)).toBeTruthy();
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toContainEqual(['/event_data/task/project_id', 'required', 'absent', '4']);

    fireEvent.click(within(model).getByText('Use learned schema'));
    await waitFor(() =>
      expect(screen.getByTestId('learned-schemas').textContent).toMatch(
        /is now this endpoint's schema for task\.create/,
      ),
    );
  });
});
