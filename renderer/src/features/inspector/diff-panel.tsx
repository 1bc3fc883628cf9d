// Two deliveries compared: header and query changes, then the body (structural for JSON, side by
// side for text). The engine computes the diff (bodies can be 10 MiB); volatile fields can be
// masked with the provider's presets and the user's own rules, which persist.
import { useEffect, useState } from 'react';
import type { DeliveryDiff, DiffChange, DiffSide } from '../../../../electron/contract/inspector';
import type { Result } from '../../../../electron/contract/result';
import { useServices } from '../../app-context';
import { formatDateTime } from '../../lib/format';
import { Section } from '../detail/section';
import { MergeTextView } from '../common/lazy-editors';
import { useInspectorSettings } from './use-inspector-settings';
import './inspector.css';

const show = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

function ChangesTable({
  changes,
  onMask,
  testId,
}: {
  changes: readonly DiffChange[];
  onMask: (pointer: string) => void;
  testId: string;
}) {
  if (changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <table className="diff-changes" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Pointer</th>
          <th scope="col">Left</th>
          <th scope="col">Right</th>
          <th scope="col">
            <span className="visually-hidden">Mask</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change, index) => (
          <tr
            key={index}
            className={`diff-row diff-${change.kind}`}
            data-testid="diff-change"
            data-pointer={change.pointer}
          >
            <td className="diff-kind">{change.kind}</td>
            <td>
              <code data-testid="diff-pointer">{change.pointer || '/'}</code>
              {change.kind === 'moved' && <span className="muted"> from {change.from}</span>}
            </td>
            <td className="diff-old">{'old' in change ? show(change.old) : ''}</td>
            <td className="diff-new">{'new' in change ? show(change.new) : ''}</td>
            <td>
              <button
                type="button"
                className="button button-small button-ghost"
                title="Ignore this field in diffs"
                onClick={() => onMask(change.pointer)}
              >
                Mask
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "2026-12-02 15:04:05.123 POST /github": how a person tells two deliveries apart. */
function SideName({ id, side, testId }: { id: string; side?: DiffSide; testId: string }) {
  return (
    <span className="diff-side-name" data-testid={testId} data-delivery-id={id} title={id}>
      {side ? (
        <>
          {formatDateTime(side.receivedAt)} <strong>{side.method}</strong>{' '}
          <code>{side.target}</code>
        </>
      ) : (
        <code>{id}</code>
      )}
    </span>
  );
}

export function DiffPanel({
  leftId,
  rightId,
  onClose,
  onSwap,
}: {
  leftId: string;
  rightId: string;
  onClose: () => void;
  onSwap?: () => void;
}) {
  const { api } = useServices();
  const { settings, loaded, save } = useInspectorSettings();
  const [draft, setDraft] = useState('');
  const [state, setState] = useState<{ key: string; result: Result<DeliveryDiff> } | null>(null);
  // "Show" on the hidden-by-masks notice: this diff without any mask, until hidden again.
  const [unmasked, setUnmasked] = useState(false);
  const key = JSON.stringify([leftId, rightId, settings.maskRules, settings.usePresets, unmasked]);

  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    void api
      .call('deliveries:diff', {
        a: leftId,
        b: rightId,
        masks: unmasked ? [] : settings.maskRules,
        usePresets: unmasked ? false : settings.usePresets,
      })
      .then((result) => {
        if (!cancelled) setState({ key, result });
      });
    return () => {
      cancelled = true;
    };
  }, [api, leftId, rightId, settings.maskRules, settings.usePresets, unmasked, loaded, key]);

  const addRule = (rule: string) => {
    const trimmed = rule.trim();
    if (!trimmed || settings.maskRules.includes(trimmed)) return;
    void save({ ...settings, maskRules: [...settings.maskRules, trimmed] });
  };
  const removeRule = (rule: string) =>
    void save({ ...settings, maskRules: settings.maskRules.filter((r) => r !== rule) });

  const sides =
    state?.result.ok && state.result.value.a === leftId ? state.result.value.sides : undefined;
  let content;
  if (!state || state.key !== key) content = <p className="muted">Comparing…</p>;
  else if (!state.result.ok) {
    content = (
      <p role="alert">
        Could not compare: {state.result.error.code}: {state.result.error.message}
      </p>
    );
  } else {
    const diff = state.result.value;
    const body = diff.body;
    content = (
      <>
        {diff.equal && (
          <p className="notice" data-testid="diff-equal">
            No differences{diff.masks.length ? ' outside the masked fields' : ''}.
          </p>
        )}
        {(diff.hiddenByMasks ?? 0) > 0 && (
          <p className="notice" data-testid="diff-hidden-by-masks">
            {diff.hiddenByMasks === 1
              ? '1 difference hidden by masks'
              : `${diff.hiddenByMasks} differences hidden by masks`}{' '}
            —{' '}
            <button
              type="button"
              className="button button-small"
              data-testid="diff-show-masked"
              onClick={() => setUnmasked(true)}
            >
              show
            </button>
          </p>
        )}
        {unmasked && (
          <p className="notice" data-testid="diff-unmasked">
            Showing every difference, masks off.{' '}
            <button
              type="button"
              className="button button-small"
              onClick={() => setUnmasked(false)}
            >
              Mask again
            </button>
          </p>
        )}
        <Section title={`Headers and query (${diff.changes.length})`} testId="diff-envelope">
          <ChangesTable changes={diff.changes} onMask={addRule} testId="diff-envelope-changes" />
        </Section>
        <Section title="Body" testId="diff-body">
          {body.kind === 'json' && (
            <ChangesTable changes={body.changes} onMask={addRule} testId="diff-body-changes" />
          )}
          {body.kind === 'text' &&
            (body.equal ? (
              <p className="muted">Same text.</p>
            ) : (
              <MergeTextView lines={body.lines} />
            ))}
          {body.kind === 'binary' && (
            <p data-testid="diff-binary">
              {body.equal
                ? 'Same bytes.'
                : `Binary bodies differ (${body.sizes[0]} vs ${body.sizes[1]} bytes).`}
            </p>
          )}
        </Section>
      </>
    );
  }

  return (
    <div className="diff-panel" data-testid="diff-view">
      <header className="diff-header">
        <h2 className="diff-title">
          Diff <SideName id={leftId} side={sides?.[0]} testId="diff-left-id" /> →{' '}
          <SideName id={rightId} side={sides?.[1]} testId="diff-right-id" />
        </h2>
        <div className="diff-toolbar">
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="diff-use-presets"
              checked={settings.usePresets}
              onChange={(event) => void save({ ...settings, usePresets: event.target.checked })}
            />{' '}
            Mask volatile fields (provider presets)
          </label>
          {onSwap && (
            <button type="button" className="button button-small" onClick={onSwap}>
              Swap sides
            </button>
          )}
          <button
            type="button"
            className="button button-small"
            data-testid="diff-close"
            onClick={onClose}
          >
            Close diff
          </button>
        </div>
        <form
          className="mask-rules"
          onSubmit={(event) => {
            event.preventDefault();
            addRule(draft);
            setDraft('');
          }}
        >
          <span className="muted">My masks:</span>
          {settings.maskRules.map((rule) => (
            <span key={rule} className="tag mask-rule" data-testid="mask-rule">
              {rule}
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove mask ${rule}`}
                onClick={() => removeRule(rule)}
              >
                ×
              </button>
            </span>
          ))}
          <input
            className="input input-small"
            placeholder="/body/id, /body/items/*/ts or a key name"
            aria-label="Add a mask rule"
            data-testid="mask-rule-input"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button button-small">
            Add mask
          </button>
        </form>
      </header>
      {content}
    </div>
  );
}
