// Write-only secrets: the UI never sees them, only whether they are set. Several = rotation.
import type { SecretsEdit } from './endpoint-draft';
import { secretsLabel } from './endpoint-draft';

export function SecretsField({
  count,
  edit,
  onChange,
}: {
  count: number;
  edit: SecretsEdit;
  onChange: (edit: SecretsEdit) => void;
}) {
  const status =
    edit.mode === 'keep'
      ? secretsLabel(count)
      : edit.mode === 'clear'
        ? 'will be removed'
        : 'will be replaced';
  return (
    <fieldset className="endpoint-fieldset" data-testid="endpoint-secrets">
      <legend>
        Secrets{' '}
        <span className="muted" data-testid="endpoint-secrets-status">
          {status}
        </span>
      </legend>
      {edit.mode === 'replace' ? (
        <>
          {edit.values.map((value, index) => (
            <div className="secret-row" key={index}>
              <input
                type="password"
                autoComplete="off"
                aria-label={`Secret ${index + 1}`}
                data-testid="endpoint-secret-input"
                value={value}
                placeholder={index === 0 ? 'shared secret' : 'next secret (rotation)'}
                onChange={(event) => {
                  const values = [...edit.values];
                  values[index] = event.target.value;
                  onChange({ mode: 'replace', values });
                }}
              />
              {edit.values.length > 1 && (
                <button
                  type="button"
                  className="button-link"
                  onClick={() =>
                    onChange({ mode: 'replace', values: edit.values.filter((_, i) => i !== index) })
                  }
                >
                  remove
                </button>
              )}
            </div>
          ))}
          <div className="endpoint-actions">
            <button
              type="button"
              onClick={() => onChange({ mode: 'replace', values: [...edit.values, ''] })}
            >
              Add another (rotation)
            </button>
            <button type="button" onClick={() => onChange({ mode: 'keep' })}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div className="endpoint-actions">
          <button
            type="button"
            data-testid="endpoint-secrets-replace"
            onClick={() => onChange({ mode: 'replace', values: [''] })}
          >
            {count > 0 ? 'Replace…' : 'Add secret…'}
          </button>
          {count > 0 && edit.mode === 'keep' && (
            <button type="button" onClick={() => onChange({ mode: 'clear' })}>
              Remove all
            </button>
          )}
          {edit.mode === 'clear' && (
            <button type="button" onClick={() => onChange({ mode: 'keep' })}>
              Keep them
            </button>
          )}
        </div>
      )}
      <p className="muted endpoint-hint">
        Secrets stay in the engine (OS keychain or a 0600 file); changing them re-verifies this
        endpoint’s deliveries.
      </p>
    </fieldset>
  );
}
