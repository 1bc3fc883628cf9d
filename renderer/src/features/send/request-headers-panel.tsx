// Every header a forged request will carry, as the engine computes it (forge:preview: signed, with
// Host and the framing header the sender sets), each value editable, the signature header included;
// then the exact request as text. Edits travel as `headerOverrides`, applied after signing.
import { useState } from 'react';
import type { RawHeaders } from '../../../../electron/contract/delivery';
import type { SentRequest } from '../../../../electron/contract/sender';

/** Headers the sender itself fixes for the bytes and the server it reaches (hop-by-hop.ts). */
const SET_BY_SENDER = new Set(['host', 'content-length', 'transfer-encoding']);

export function isSetBySender(name: string): boolean {
  return SET_BY_SENDER.has(name.toLowerCase());
}

/** `overrides` with `name` set to `value` (by name, case-insensitive; order of first edit kept). */
export function withOverride(overrides: RawHeaders, name: string, value: string): RawHeaders {
  const lower = name.toLowerCase();
  return overrides.some(([existing]) => existing.toLowerCase() === lower)
    ? overrides.map(([existing, old]) =>
        existing.toLowerCase() === lower ? [existing, value] : [existing, old],
      )
    : [...overrides, [name, value]];
}

export function withoutOverride(overrides: RawHeaders, name: string): RawHeaders {
  return overrides.filter(([existing]) => existing.toLowerCase() !== name.toLowerCase());
}

const decoder = new TextDecoder();

/** The request as it goes on the wire (body as UTF-8 text). */
export function requestText(request: SentRequest): string {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`];
  for (const [name, value] of request.rawHeaders) lines.push(`${name}: ${value}`);
  return `${lines.join('\n')}\n\n${decoder.decode(request.body)}`;
}

export function RequestHeadersPanel({
  preview,
  previewError,
  overrides,
  onOverridesChange,
}: {
  preview: SentRequest | null;
  previewError: string | null;
  overrides: RawHeaders;
  onOverridesChange: (overrides: RawHeaders) => void;
}) {
  const [newName, setNewName] = useState('');
  const [newValue, setNewValue] = useState('');
  const edited = (name: string) =>
    overrides.find(([existing]) => existing.toLowerCase() === name.toLowerCase());
  return (
    <div className="request-headers" data-testid="forge-headers">
      {previewError && (
        <p className="field-error" data-testid="forge-preview-error">
          {previewError}
        </p>
      )}
      {preview && (
        <>
          <table className="kv-table">
            <tbody>
              {preview.rawHeaders.map(([name, value], index) => {
                const fixed = isSetBySender(name);
                const override = edited(name);
                return (
                  <tr key={`${name}-${index}`} data-testid="forge-header-row">
                    <th scope="row" className="kv-name">
                      {name}
                    </th>
                    <td className="kv-value">
                      <input
                        className="text-input grow"
                        aria-label={`Header ${name}`}
                        data-testid={`forge-header-${name.toLowerCase()}`}
                        value={override ? override[1] : value}
                        readOnly={fixed}
                        title={fixed ? 'Set by the sender for the bytes and host it reaches' : ''}
                        onChange={(event) =>
                          onOverridesChange(withOverride(overrides, name, event.target.value))
                        }
                      />
                    </td>
                    <td>
                      {override && (
                        <button
                          type="button"
                          className="button button-tiny button-ghost"
                          onClick={() => onOverridesChange(withoutOverride(overrides, name))}
                        >
                          Reset
                        </button>
                      )}
                      {fixed && <span className="muted">set when sent</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="form-row">
            <input
              className="text-input"
              aria-label="New header name"
              data-testid="forge-header-new-name"
              placeholder="Header-Name"
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <input
              className="text-input grow"
              aria-label="New header value"
              data-testid="forge-header-new-value"
              placeholder="value"
              value={newValue}
              onChange={(event) => setNewValue(event.target.value)}
            />
            <button
              type="button"
              className="button button-small"
              data-testid="forge-header-add"
              disabled={!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(newName.trim())}
              onClick={() => {
                onOverridesChange(withOverride(overrides, newName.trim(), newValue));
                setNewName('');
                setNewValue('');
              }}
            >
              Add header
            </button>
          </div>
          <p className="muted">
            Ids, timestamps and the signature are computed afresh when sent; an edited value is sent
            exactly as written.
          </p>
          <h4 className="subheading">Exact request</h4>
          <pre className="code-block request-preview" data-testid="forge-preview">
            {requestText(preview)}
          </pre>
        </>
      )}
    </div>
  );
}
