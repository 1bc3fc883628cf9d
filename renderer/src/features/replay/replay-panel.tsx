// The detail view's replay section: the editor behind a "Replay" button, and the attempts below.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryDetail } from '../../../../electron/contract/delivery';
import type { AttemptSummary } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import { Section } from '../detail/section';
import { AttemptsList } from './attempts-list';
import { ReplayEditor } from './replay-editor';
import './sender.css';

export function ReplayPanel({ delivery }: { delivery: DeliveryDetail }) {
  const { api } = useServices();
  const [editing, setEditing] = useState(false);
  const [attempts, setAttempts] = useState<AttemptSummary[]>([]);

  const reload = useCallback(
    () =>
      api.call('replay:attempts', { deliveryId: delivery.id }).then((result) => {
        if (result.ok) setAttempts(result.value);
      }),
    [api, delivery.id],
  );

  useEffect(() => {
    void api.call('replay:attempts', { deliveryId: delivery.id }).then((result) => {
      if (result.ok) setAttempts(result.value);
    });
    // Forwards and their retries arrive on their own: refresh when one of ours is recorded.
    return api.on('attempts:recorded', (recorded) => {
      if (recorded.some((attempt) => attempt.deliveryId === delivery.id)) void reload();
    });
  }, [api, delivery.id, reload]);

  return (
    <Section
      title={`Replays and forwards (${attempts.length})`}
      testId="replay-section"
      aside={
        <button
          type="button"
          className="button button-small"
          data-testid="replay-open"
          data-shortcut="r"
          aria-expanded={editing}
          onClick={() => setEditing(!editing)}
        >
          {editing ? 'Close editor' : 'Replay…'}
        </button>
      }
    >
      {editing && <ReplayEditor delivery={delivery} onSent={() => void reload()} />}
      <AttemptsList attempts={attempts} hasOriginalAnswer={delivery.response !== null} />
    </Section>
  );
}
