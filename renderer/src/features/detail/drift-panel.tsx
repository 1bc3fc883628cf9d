// How this body departs from the shape learned from earlier deliveries of its event (issue 16):
// one sentence per change. Kept apart from the verdict, which judges against the provider's schema.
import { explainDriftChange, type DriftVerdict } from '../../../../electron/contract/learning';
import { Section } from './section';

export function DriftPanel({ drift }: { drift: DriftVerdict | null | undefined }) {
  if (!drift) return null;
  const { status, changes, model } = drift;
  const learned = model ? `${model.deliveries} of ${model.settleAfter}` : '';
  return (
    <Section title="Shape" testId="detail-drift">
      <ul className="verdict-list">
        {status === 'learning' && (
          <li className="verdict-item" data-testid="drift-learning">
            <strong>Learning</strong>
            <span className="muted">
              {' '}
              — {learned} deliveries of this event seen; drift is judged once the shape is settled
            </span>
          </li>
        )}
        {status === 'none' && (
          <li className="verdict-item verdict-schema-valid" data-testid="drift-none">
            <strong>Matches the learned shape</strong>
            {model && <span className="muted"> — learned from {model.deliveries} deliveries</span>}
          </li>
        )}
        {status === 'drift' && (
          <li className="verdict-item verdict-health-warning" data-testid="drift-changes">
            <strong>Drift from the learned shape</strong>
            {model && <span className="muted"> — learned from {model.deliveries} deliveries</span>}
            {changes.map((change) => (
              <div
                key={`${change.pointer} ${change.kind}`}
                className="verdict-detail"
                data-testid="drift-change"
              >
                <code>{change.kind}</code> {explainDriftChange(change)}
              </div>
            ))}
          </li>
        )}
      </ul>
    </Section>
  );
}
