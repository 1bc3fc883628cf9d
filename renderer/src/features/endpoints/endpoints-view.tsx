// The "Endpoints" view: which paths expect which provider, their secrets, handshakes and answers.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type {
  ProviderInfo,
  ReverifyProgress,
  UserSchemaView,
} from '../../../../electron/contract/capture-rules';
import type { EndpointView } from '../../../../electron/contract/endpoint';
import type { AppApi } from '../../api';
import { useAppStore, useServices } from '../../app-context';
import type { EndpointRequest } from '../../store/navigation-slice';
import { selectCapturedPaths } from '../../store/selectors';
import {
  draftFromView,
  emptyDraft,
  endpointsWith,
  inputFromView,
  secretsLabel,
  type EndpointDraft,
} from './endpoint-draft';
import { EndpointEditor } from './endpoint-editor';
import './endpoints.css';

type Loaded =
  | { endpoints: EndpointView[]; providers: ProviderInfo[]; schemas: UserSchemaView[] }
  | { error: string };

/** Everything the view shows, in one round of calls. */
async function load(api: AppApi): Promise<Loaded> {
  const [list, known, imported] = await Promise.all([
    api.call('endpoints:list'),
    api.call('providers:list'),
    api.call('schemas:list'),
  ]);
  if (!list.ok) return { error: list.error.message };
  if (!known.ok) return { error: known.error.message };
  if (!imported.ok) return { error: imported.error.message };
  return { endpoints: list.value, providers: known.value, schemas: imported.value };
}

export function EndpointsView() {
  const { api, store } = useServices();
  const capturedPaths = useAppStore(selectCapturedPaths);
  // "Verify this path…" from a delivery: what to prefill when creating.
  const [prefill, setPrefill] = useState<EndpointRequest | null>(null);
  const [endpoints, setEndpoints] = useState<EndpointView[]>([]);
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  const [schemas, setSchemas] = useState<UserSchemaView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Bumped on every save so the editor starts again from what the engine stored.
  const [revision, setRevision] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  // "Re-verify deliveries" running: its path, and the engine's last progress push for it.
  const [reverifying, setReverifying] = useState<string | null>(null);
  const [progress, setProgress] = useState<ReverifyProgress | null>(null);
  // The button's answer ("Re-verified 3 deliveries."), for the endpoint it was asked for.
  const [reverified, setReverified] = useState<{ path: string; text: string } | null>(null);

  // Big stores take a while: the engine pushes progress per batch while the call runs.
  useEffect(() => api.on('deliveries:reverify-progressed', setProgress), [api]);

  const apply = useCallback(
    (loaded: Loaded) => {
      if ('error' in loaded) {
        setLoadError(loaded.error);
        return;
      }
      setLoadError(null);
      setEndpoints(loaded.endpoints);
      setProviders(loaded.providers);
      setSchemas(loaded.schemas);
      // A delivery asked to verify its path: open its endpoint if saved, else a prefilled new one.
      const request = store.getState().takeEndpointRequest();
      if (!request) return;
      const saved = loaded.endpoints.some((endpoint) => endpoint.path === request.path);
      setSelected(saved ? request.path : null);
      setCreating(!saved);
      setPrefill(saved ? null : request);
      setNotice(
        saved
          ? `${request.path} already has an endpoint: add or check its secret below.`
          : `New endpoint for ${request.path}: add the provider's signing secret, then save.`,
      );
    },
    [store],
  );
  const reload = useCallback(() => void load(api).then(apply), [api, apply]);

  useEffect(() => {
    let live = true;
    void load(api).then((loaded) => {
      if (live) apply(loaded);
    });
    return () => {
      live = false;
    };
  }, [api, apply]);

  const current = endpoints.find((endpoint) => endpoint.path === selected) ?? null;
  const initial = useMemo<EndpointDraft | null>(
    () =>
      creating ? { ...emptyDraft(), ...(prefill ?? {}) } : current ? draftFromView(current) : null,
    [creating, current, prefill],
  );

  async function save(draft: EndpointDraft): Promise<string | null> {
    let input;
    try {
      input = endpointsWith(endpoints, draft);
    } catch (error) {
      return (error as Error).message;
    }
    const result = await api.call('endpoints:set', { endpoints: input });
    if (!result.ok) return result.error.message;
    setEndpoints(result.value);
    setCreating(false);
    setSelected(draft.path.trim());
    setRevision((value) => value + 1);
    setNotice(`Saved ${draft.path.trim()}.`);
    return null;
  }

  async function remove(path: string) {
    const rest = endpoints.filter((endpoint) => endpoint.path !== path).map(inputFromView);
    const result = await api.call('endpoints:set', { endpoints: rest });
    if (result.ok) {
      setEndpoints(result.value);
      setSelected(null);
    }
  }

  // The run to show: the one the button started, else one that saving started in the background
  // (it pushes progress too, ending with done = total).
  const running =
    reverifying ??
    (progress && progress.endpoint !== null && progress.done < progress.total
      ? progress.endpoint
      : null);

  async function reverify(path: string): Promise<void> {
    setProgress(null);
    setReverifying(path);
    setReverified(null);
    const result = await api.call('deliveries:reverify', { endpoint: path });
    setReverifying(null);
    // Answered: the run is over even if it stopped short of its last push (engine shutting down).
    setProgress((last) => (last?.endpoint === path ? null : last));
    const count = result.ok ? result.value.count : 0;
    const text = result.ok
      ? `Re-verified ${count} ${count === 1 ? 'delivery' : 'deliveries'}.`
      : result.error.message;
    setReverified({ path, text });
  }

  return (
    <div className="endpoints-view" data-testid="endpoints-view">
      <aside className="endpoints-list">
        <div className="endpoints-list-header">
          <h2 className="panel-title">Endpoints</h2>
          <button
            type="button"
            data-testid="endpoint-new"
            onClick={() => {
              setCreating(true);
              setPrefill(null);
              setSelected(null);
            }}
          >
            New
          </button>
        </div>
        {loadError && (
          <p className="form-error" role="alert">
            {loadError}
          </p>
        )}
        {endpoints.length === 0 && !loadError && (
          <p className="muted">
            No endpoints yet: every path is captured; add one to verify signatures or answer
            handshakes.
          </p>
        )}
        <ul>
          {endpoints.map((endpoint) => (
            <li key={endpoint.path}>
              <button
                type="button"
                className={`endpoint-item${endpoint.path === selected ? ' selected' : ''}`}
                data-testid="endpoint-item"
                data-path={endpoint.path}
                onClick={() => {
                  setCreating(false);
                  setNotice(null);
                  setSelected(endpoint.path);
                }}
              >
                <code>{endpoint.path}</code>
                <span className="muted">
                  {endpoint.provider ?? 'auto-detect'} · secrets{' '}
                  {secretsLabel(endpoint.secretCount)}
                  {endpoint.handshake ? ' · handshake' : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="endpoint-detail">
        {notice && (
          <p className="muted" role="status" data-testid="endpoint-notice">
            {notice}
          </p>
        )}
        {initial ? (
          <EndpointEditor
            key={`${initial.savedPath ?? `new:${prefill?.path ?? ''}`}:${revision}`}
            initial={initial}
            pathSuggestions={capturedPaths}
            providers={providers}
            schemas={schemas.filter((schema) => schema.endpoint === initial.savedPath)}
            onSave={save}
            onDelete={initial.savedPath ? () => remove(initial.savedPath as string) : null}
            onReverify={initial.savedPath ? () => reverify(initial.savedPath as string) : null}
            onSchemasChanged={reload}
            reverifyStatus={
              running ? (
                <ReverifyProgressLine
                  path={running}
                  progress={progress?.endpoint === running ? progress : null}
                />
              ) : reverified && reverified.path === initial.savedPath ? (
                <p className="muted" role="status" data-testid="reverify-result">
                  {reverified.text}
                </p>
              ) : null
            }
          />
        ) : (
          <p className="muted">Select an endpoint, or add one.</p>
        )}
      </section>
    </div>
  );
}

/** "Re-verifying /github: 400 of 1000 deliveries" with a bar, while the engine works through them. */
function ReverifyProgressLine({
  path,
  progress,
}: {
  path: string;
  progress: ReverifyProgress | null;
}) {
  return (
    <p className="muted reverify-progress" role="status" data-testid="reverify-progress">
      {progress ? (
        <>
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={`Re-verifying ${path}`}
          />{' '}
          Re-verifying {path}: {progress.done} of {progress.total} deliveries…
        </>
      ) : (
        <>Re-verifying {path}…</>
      )}
    </p>
  );
}
