import { CopyButton } from '../common/copy-button';
import { TunnelForm } from './tunnel-form';
import { TunnelStatusLine } from './tunnel-status';
import { UrlHistory } from './url-history';
import { useTunnel } from './use-tunnel';

/** Choose a provider, start and stop, see the status with its reason, the URL and its history. */
export function TunnelPanel() {
  const tunnel = useTunnel();
  const { info } = tunnel;
  if (!info) return <section className="tunnel-panel muted">Loading the tunnel…</section>;
  const { state } = info.status;
  const stoppable = info.provider !== 'none' && state !== 'offline';
  // While it works (or keeps trying) the settings stay put; after an error they can be fixed.
  const editable = state === 'offline' || state === 'error';
  return (
    <section className="tunnel-panel" data-testid="tunnel-panel">
      <h2 className="panel-title">Tunnel</h2>
      <p className="muted">
        Providers can only call a public URL. The tunnel exposes the receiver, never this app.
      </p>
      <TunnelStatusLine status={info.status} />
      {info.publicUrl && (
        <div className="tunnel-url">
          <code data-testid="tunnel-url">{info.publicUrl}</code>
          <CopyButton text={info.publicUrl} testId="tunnel-copy-url" />
        </div>
      )}
      {tunnel.error && (
        <p className="form-error" role="alert" data-testid="tunnel-error">
          {tunnel.error}
        </p>
      )}
      {stoppable && (
        <button
          type="button"
          className="button button-danger-ghost"
          data-testid="tunnel-stop"
          disabled={tunnel.busy}
          onClick={() => void tunnel.stop()}
        >
          Stop tunnel
        </button>
      )}
      {editable && (
        <TunnelForm
          settings={info.settings}
          authtokenSaved={info.ngrokAuthtokenSaved}
          busy={tunnel.busy}
          onStart={(input) => void tunnel.start(input)}
        />
      )}
      <h3 className="panel-subtitle">URL history</h3>
      <UrlHistory history={tunnel.history} />
    </section>
  );
}
