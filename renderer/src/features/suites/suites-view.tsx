// The Suites view (issue 16): saved replay suites; run one against a URL, see each case pass or
// fail with the answer it got, re-run the failed ones. The same run as `hookscope test`.
import { Fragment, useCallback, useEffect, useState, type ChangeEvent } from 'react';
import type { CaseResult, SuiteReport, SuiteSummary } from '../../../../electron/contract/suites';
import type { Result } from '../../../../electron/contract/result';
import { useServices } from '../../app-context';
import { TargetInput, useRecentTargets } from '../send/target-input';
import './suites.css';

interface RunOptions {
  resign: boolean;
  asProvider: boolean;
  retries: boolean;
  concurrency: number;
}

export function SuitesView() {
  const { api } = useServices();
  const [suites, setSuites] = useState<SuiteSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const apply = useCallback((result: Result<SuiteSummary[]>) => {
    if (!result.ok) return setMessage({ error: true, text: result.error.message });
    setSuites(result.value);
    setSelected((current) =>
      current && result.value.some((s) => s.id === current)
        ? current
        : (result.value[0]?.id ?? null),
    );
  }, []);
  const load = useCallback(async () => apply(await api.call('suites:list')), [api, apply]);
  useEffect(() => {
    let live = true;
    void api.call('suites:list').then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [api, apply]);

  async function importFile(change: ChangeEvent<HTMLInputElement>) {
    const file = change.target.files?.[0];
    change.target.value = '';
    if (!file) return;
    const result = await api.call('suites:import', { text: await file.text() });
    if (!result.ok)
      return setMessage({ error: true, text: `${file.name}: ${result.error.message}` });
    setMessage({ error: false, text: `imported ${file.name}` });
    setSelected(result.value.id);
    await load();
  }

  async function remove(id: string) {
    const result = await api.call('suites:delete', { id });
    if (!result.ok) setMessage({ error: true, text: result.error.message });
    await load();
  }

  const suite = suites?.find((item) => item.id === selected) ?? null;
  return (
    <div className="suites-view" data-testid="suites-view">
      <aside className="suites-list">
        <h2>Test suites</h2>
        {suites?.length === 0 && (
          <p className="muted" data-testid="suites-empty">
            None yet. In the inbox, narrow the list to the deliveries you want and choose “Save as
            test suite”, or import a suite file.
          </p>
        )}
        <ul>
          {suites?.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`suite-item${item.id === selected ? ' is-selected' : ''}`}
                data-testid="suite-item"
                onClick={() => setSelected(item.id)}
              >
                <strong>{item.name}</strong> <span className="muted">{item.caseCount} cases</span>
              </button>
            </li>
          ))}
        </ul>
        <label className="button button-small file-button">
          Import suite file…
          <input
            type="file"
            accept=".json,application/json"
            hidden
            onChange={(e) => void importFile(e)}
          />
        </label>
        {message && (
          <p
            className={message.error ? 'form-error' : 'muted'}
            role={message.error ? 'alert' : undefined}
          >
            {message.text}
          </p>
        )}
      </aside>
      {suite ? (
        <SuiteRunner key={suite.id} suite={suite} onDelete={() => void remove(suite.id)} />
      ) : (
        <section className="suite-runner muted">Pick a suite.</section>
      )}
    </div>
  );
}

function SuiteRunner({ suite, onDelete }: { suite: SuiteSummary; onDelete: () => void }) {
  const { api } = useServices();
  const { last, recent, reload } = useRecentTargets();
  const [to, setTo] = useState('');
  const [options, setOptions] = useState<RunOptions>({
    resign: false,
    asProvider: false,
    retries: false,
    concurrency: 1,
  });
  const [report, setReport] = useState<SuiteReport | null>(null);
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const target = to || last || '';

  // Progress: each finished case is pushed while the run goes on.
  useEffect(
    () =>
      api.on('suites:case-finished', (payload) =>
        setRunning((current) =>
          current ? { done: current.done + 1, total: payload.total } : current,
        ),
      ),
    [api],
  );

  async function run(cases?: string[]) {
    setError(null);
    setRunning({ done: 0, total: cases?.length ?? suite.caseCount });
    const result = await api.call('suites:run', {
      id: suite.id,
      to: target,
      ...options,
      ...(cases ? { cases } : {}),
    });
    setRunning(null);
    reload();
    if (!result.ok) return setError(result.error.message);
    // A re-run of the failed cases replaces their rows and keeps the others.
    setReport((previous) => {
      if (!cases || !previous) return result.value;
      const fresh = new Map(result.value.cases.map((item) => [item.name, item]));
      const merged = previous.cases.map((item) => fresh.get(item.name) ?? item);
      const passed = merged.filter((item) => item.ok).length;
      return { ...result.value, cases: merged, passed, failed: merged.length - passed };
    });
  }

  const failed = report?.cases.filter((item) => !item.ok).map((item) => item.name) ?? [];
  const set = <K extends keyof RunOptions>(key: K, value: RunOptions[K]) =>
    setOptions((current) => ({ ...current, [key]: value }));

  return (
    <section className="suite-runner" data-testid="suite-runner">
      <header className="suite-header">
        <h2>{suite.name}</h2>
        <span className="muted">{suite.caseCount} cases</span>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          onClick={onDelete}
        >
          Delete
        </button>
      </header>
      <div className="suite-controls">
        <TargetInput
          value={target}
          onChange={setTo}
          recent={recent}
          testId="suite-target"
          label="Receiver URL"
          required
        />
        <button
          type="button"
          className="button button-primary"
          data-testid="suite-run"
          disabled={!target || running !== null}
          onClick={() => void run()}
        >
          Run
        </button>
        <button
          type="button"
          className="button"
          data-testid="suite-rerun-failed"
          disabled={failed.length === 0 || running !== null}
          onClick={() => void run(failed)}
        >
          Re-run failed ({failed.length})
        </button>
      </div>
      <div className="suite-options">
        <label>
          <input
            type="checkbox"
            checked={options.resign}
            onChange={(e) => set('resign', e.target.checked)}
          />{' '}
          Re-sign
        </label>
        <label title="Kanboard 1 s, GitHub 10 s, Stripe 20 s...: a slower answer fails">
          <input
            type="checkbox"
            checked={options.asProvider}
            onChange={(e) => set('asProvider', e.target.checked)}
          />{' '}
          Provider’s time budget
        </label>
        <label title="On a failed answer, send again the way the provider retries">
          <input
            type="checkbox"
            checked={options.retries}
            onChange={(e) => set('retries', e.target.checked)}
          />{' '}
          Retry like the provider
        </label>
        <label>
          Concurrency{' '}
          <input
            className="input input-small"
            type="number"
            min={1}
            max={32}
            value={options.concurrency}
            onChange={(e) =>
              set('concurrency', Math.min(32, Math.max(1, Number(e.target.value) || 1)))
            }
          />
        </label>
      </div>
      {running && (
        <p className="muted" role="status" data-testid="suite-progress">
          <progress max={running.total} value={running.done} /> {running.done} of {running.total}{' '}
          cases
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className="suite-summary" data-testid="suite-summary">
            <strong className={report.failed ? 'suite-failed' : 'suite-passed'}>
              {report.passed} passed, {report.failed} failed
            </strong>{' '}
            <span className="muted">
              against {report.to} in {report.durationMs} ms
            </span>
          </p>
          <table className="suite-results" data-testid="suite-results">
            <thead>
              <tr>
                <th aria-label="Result" />
                <th>Case</th>
                <th>Status</th>
                <th>Time</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {report.cases.map((item) => (
                <CaseRow
                  key={item.name}
                  item={item}
                  open={open === item.name}
                  onToggle={() => setOpen(open === item.name ? null : item.name)}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function CaseRow({
  item,
  open,
  onToggle,
}: {
  item: CaseResult;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <Fragment>
      <tr
        className={item.ok ? 'case-passed' : 'case-failed'}
        data-testid="suite-case"
        data-ok={item.ok}
        onClick={onToggle}
        aria-expanded={open}
      >
        <td>{item.ok ? '✓' : '✗'}</td>
        <td>{item.name}</td>
        <td>{item.status ?? '—'}</td>
        <td>
          {item.ms} ms{item.attempts > 1 ? ` (${item.attempts} requests)` : ''}
        </td>
        <td>{item.failures.join('; ')}</td>
      </tr>
      {open && (
        <tr className="case-answer" data-testid="suite-case-answer">
          <td />
          <td colSpan={4}>
            <div>
              <strong>Answer:</strong> {item.answer.status ?? item.answer.error ?? 'none'}
            </div>
            {item.answer.headers.map(([name, value], index) => (
              <div key={index} className="mono">
                {name}: {value}
              </div>
            ))}
            {item.answer.bodyPreview && <pre className="mono">{item.answer.bodyPreview}</pre>}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
