// First run: where to send webhooks, and a command that proves it works.
import { useAppStore, useServices } from '../../app-context';
import { selectIngressUrl } from '../../store/selectors';
import { CopyButton } from '../common/copy-button';
import { shellQuote } from '../../lib/shell-quote';
import { joinUrl } from '../../lib/request-parts';

export function sampleCurl(receiverUrl: string): string {
  const url = joinUrl(receiverUrl, '/webhooks/test');
  return `curl -X POST ${shellQuote(url)} \\\n  -H 'Content-Type: application/json' \\\n  --data-binary '{"event":"hello","from":"curl"}'`;
}

export function Welcome() {
  const url = useAppStore(selectIngressUrl);
  const localUrl = useAppStore((state) => state.receiver?.url ?? null);
  const hasPublicUrl = useAppStore((state) => Boolean(state.receiver?.publicUrl));
  const { store } = useServices();
  return (
    <div className="welcome" data-testid="empty-state">
      <h1 className="welcome-title">Waiting for the first webhook</h1>
      <p className="muted">Point your provider at this URL. Any method and any path is captured.</p>
      {url ? (
        <>
          <div className="welcome-url">
            <code data-testid="receiver-url">{url}</code>
            <CopyButton text={url} label="Copy URL" testId="copy-receiver-url" />
          </div>
          {!hasPublicUrl && (
            <div className="welcome-public" data-testid="welcome-public-url">
              <p>
                <strong>Providers on the internet need a public URL.</strong> This address only
                works from this machine. A tunnel (ngrok or SSH) gives the receiver a public one,
                shown here once it is up.
              </p>
              <button
                type="button"
                className="button button-small"
                data-testid="welcome-open-tunnel"
                onClick={() => store.getState().setView('tunnel')}
              >
                Set up a tunnel…
              </button>
            </div>
          )}
          <p className="muted">Or send one yourself:</p>
          <div className="welcome-curl">
            <pre data-testid="sample-curl">{sampleCurl(localUrl ?? url)}</pre>
            <CopyButton
              text={sampleCurl(localUrl ?? url)}
              label="Copy command"
              testId="copy-sample-curl"
            />
          </div>
        </>
      ) : (
        <p className="muted">The receiver is starting…</p>
      )}
    </div>
  );
}
