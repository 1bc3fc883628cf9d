import { useState, type FormEvent } from 'react';
import type { TunnelSettings, TunnelStartInput } from '../../../../electron/contract/tunnel';

type Provider = TunnelSettings['provider'];

interface Draft {
  provider: Provider;
  authtoken: string;
  domain: string;
  region: string;
  target: string;
  keyFile: string;
  useAgent: boolean;
  remotePort: string;
  hostKeyFingerprint: string;
  publicUrl: string;
}

function draftFrom(settings: TunnelSettings | null): Draft {
  return {
    // ngrok first: an authtoken is all it needs, where SSH needs a server of your own.
    provider: settings?.provider ?? 'ngrok',
    authtoken: '',
    domain: settings?.provider === 'ngrok' ? (settings.domain ?? '') : '',
    region: settings?.provider === 'ngrok' ? (settings.region ?? '') : '',
    target: settings?.provider === 'ssh' ? settings.target : '',
    keyFile: settings?.provider === 'ssh' ? (settings.keyFile ?? '') : '',
    useAgent: settings?.provider === 'ssh' ? (settings.useAgent ?? false) : false,
    remotePort: settings?.provider === 'ssh' ? String(settings.remotePort) : '0',
    hostKeyFingerprint: settings?.provider === 'ssh' ? (settings.hostKeyFingerprint ?? '') : '',
    publicUrl: settings?.publicUrl ?? '',
  };
}

const optional = <K extends string>(key: K, value: string) =>
  (value.trim() ? { [key]: value.trim() } : {}) as Partial<Record<K, string>>;

/** The form's draft as tunnel:start input (the engine validates and explains what is wrong). */
export function toStartInput(draft: Draft): TunnelStartInput {
  const shown = optional('publicUrl', draft.publicUrl);
  switch (draft.provider) {
    case 'none':
      return { provider: 'none', ...shown };
    case 'ngrok':
      return {
        provider: 'ngrok',
        ...optional('authtoken', draft.authtoken),
        ...optional('domain', draft.domain),
        ...optional('region', draft.region),
        ...shown,
      };
    case 'ssh':
      return {
        provider: 'ssh',
        target: draft.target.trim(),
        remotePort: Number(draft.remotePort || '0'),
        ...optional('keyFile', draft.keyFile),
        ...(draft.useAgent ? { useAgent: true } : {}),
        ...optional('hostKeyFingerprint', draft.hostKeyFingerprint),
        ...shown,
      };
  }
}

export function TunnelForm({
  settings,
  authtokenSaved,
  busy,
  onStart,
}: {
  settings: TunnelSettings | null;
  authtokenSaved: boolean;
  busy: boolean;
  onStart: (input: TunnelStartInput) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart(toStartInput(draft));
  };
  const text = (
    key: keyof Draft,
    label: string,
    props: { placeholder?: string; type?: string; hint?: string } = {},
  ) => (
    <label className="form-field">
      <span className="form-label">{label}</span>
      <input
        className="search-input"
        data-testid={`tunnel-${key}`}
        type={props.type ?? 'text'}
        value={String(draft[key])}
        placeholder={props.placeholder}
        onChange={(event) => set(key, event.target.value as never)}
      />
      {props.hint && <span className="form-hint muted">{props.hint}</span>}
    </label>
  );

  return (
    <form className="tunnel-form" onSubmit={submit} data-testid="tunnel-form">
      <label className="form-field">
        <span className="form-label">Provider</span>
        <select
          className="select"
          data-testid="tunnel-provider"
          value={draft.provider}
          onChange={(event) => set('provider', event.target.value as Provider)}
        >
          <option value="ngrok">ngrok (simplest: a free account)</option>
          <option value="ssh">SSH reverse tunnel (ssh -R, your own server)</option>
          <option value="none">None (local only, or your own proxy)</option>
        </select>
      </label>
      {draft.provider === 'ngrok' && (
        <>
          <div className="tunnel-guide" data-testid="tunnel-ngrok-guide">
            <ol>
              <li>
                Sign up at ngrok and copy your authtoken from{' '}
                <a
                  href="https://dashboard.ngrok.com/get-started/your-authtoken"
                  target="_blank"
                  rel="noreferrer"
                >
                  dashboard.ngrok.com
                </a>
                .
              </li>
              <li>
                <strong>Get a free static domain</strong> under{' '}
                <a href="https://dashboard.ngrok.com/domains" target="_blank" rel="noreferrer">
                  Domains
                </a>{' '}
                and enter it below: providers keep working after a restart, because the URL never
                changes.
              </li>
            </ol>
          </div>
          {text('authtoken', 'Authtoken', {
            type: 'password',
            placeholder: authtokenSaved
              ? 'saved (leave empty to keep it)'
              : 'or set NGROK_AUTHTOKEN',
            hint: 'Stored in the secret store; never shown again.',
          })}
          {text('domain', 'Static domain', {
            placeholder: 'your-name.ngrok-free.app',
            hint: 'Keeps the URL across restarts (free: one per account).',
          })}
          {text('region', 'Region', { placeholder: 'us, eu, ap, …' })}
        </>
      )}
      {draft.provider === 'ssh' && (
        <>
          {text('target', 'Server', { placeholder: 'user@host:22' })}
          {text('keyFile', 'Private key file', { placeholder: '~/.ssh/id_ed25519' })}
          <label className="form-check">
            <input
              type="checkbox"
              data-testid="tunnel-useAgent"
              checked={draft.useAgent}
              onChange={(event) => set('useAgent', event.target.checked)}
            />
            Use the SSH agent
          </label>
          {text('remotePort', 'Remote port', {
            hint: '0 lets the server choose (the URL then changes on reconnect).',
          })}
          {text('hostKeyFingerprint', 'Host key fingerprint', {
            placeholder: 'SHA256:… (ssh-keygen -lf)',
          })}
        </>
      )}
      {text('publicUrl', 'Public URL override', {
        placeholder: 'https://hooks.example.com',
        hint: 'Shown and subscribed instead of the tunnel’s own URL.',
      })}
      <div className="form-actions">
        <button type="submit" className="button" data-testid="tunnel-start" disabled={busy}>
          Start tunnel
        </button>
      </div>
    </form>
  );
}
