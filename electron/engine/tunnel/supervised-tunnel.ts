import { backoffDelayMs, DEFAULT_BACKOFF } from './backoff';
import type { SessionHealth, TunnelConnector, TunnelSession } from './connector';
import { asTunnelError, type TunnelError } from './tunnel-error';
import { TunnelEventHub } from './tunnel-events';
import type {
  BackoffPolicy,
  Tunnel,
  TunnelEvents,
  TunnelOptions,
  TunnelProvider,
  TunnelStatus,
  TunnelUrlRecord,
} from './types';
import { DEFAULT_WAKE_CHECK, watchForWake } from './wake-watcher';

/** Why the supervisor stopped waiting on a session or a retry timer. */
type Interruption =
  | { kind: 'stop' }
  | { kind: 'wake'; sleptMs: number }
  | { kind: 'retry-due' }
  | { kind: 'drop'; error: TunnelError };

/**
 * The provider-independent half of a tunnel: connects through a connector, reports status, keeps
 * the URL history, reconnects with backoff after a drop, and reconnects at once after the machine
 * wakes from sleep (the old session is almost certainly dead by then, even if no socket said so).
 */
export class SupervisedTunnel implements Tunnel {
  private currentStatus: TunnelStatus = { state: 'connecting' };
  private readonly history: TunnelUrlRecord[] = [];
  private readonly events = new TunnelEventHub();
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private stopped = false;
  private signalStop: () => void = () => {};
  /** Settles on stop(), so a connect attempt in flight does not delay stopping. */
  private readonly stopRequested = new Promise<'stop'>((resolve) => {
    this.signalStop = () => resolve('stop');
  });
  private interrupt: ((why: Interruption) => void) | null = null;
  private readonly stopWakeWatch: () => void;
  private readonly finished: Promise<void>;
  /** Counts SDK-managed reconnects (ngrok) for the status' attempt field. */
  private degradedAttempts = 0;
  /** True between a session going online and it being dropped or closed. */
  private sessionLive = false;

  constructor(
    readonly provider: TunnelProvider,
    private readonly connect: TunnelConnector,
    options: TunnelOptions = {},
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.stopWakeWatch = watchForWake(
      (sleptMs) => this.interrupt?.({ kind: 'wake', sleptMs }),
      options.wakeCheck ?? DEFAULT_WAKE_CHECK,
    );
    // run() handles every expected failure; this only keeps a bug from becoming an unhandled
    // rejection that would take the whole engine down.
    this.finished = this.run().catch((error: unknown) => {
      this.fail(asTunnelError(error, `${provider} tunnel crashed`).message);
    });
  }

  get status(): TunnelStatus {
    return this.currentStatus;
  }

  get publicUrl(): string | null {
    return this.currentStatus.state === 'online' ? this.currentStatus.publicUrl : null;
  }

  get urlHistory(): readonly TunnelUrlRecord[] {
    return this.history.map((record) => ({ ...record }));
  }

  on<E extends keyof TunnelEvents>(event: E, listener: TunnelEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.stopWakeWatch();
      this.signalStop();
      this.interrupt?.({ kind: 'stop' });
    }
    await this.finished;
    // An error stays visible until the tunnel is stopped; stopped always means offline.
    if (this.currentStatus.state === 'error') this.setStatus({ state: 'offline' });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      let session: TunnelSession;
      try {
        const connecting = this.connect(this.health());
        const first = await Promise.race([connecting, this.stopRequested]);
        if (first === 'stop') {
          // Whatever the attempt still produces is closed once it arrives.
          connecting.then(
            (late) => late.close().catch(() => {}),
            () => {},
          );
          break;
        }
        session = first;
      } catch (error) {
        const failure = asTunnelError(error, `${this.provider} tunnel failed`);
        if (this.stopped) break;
        if (!failure.retryable) {
          this.fail(failure.message);
          return;
        }
        attempt += 1;
        await this.waitBeforeRetry(attempt, failure.message);
        continue;
      }
      if (this.stopped) {
        await session.close().catch(() => {});
        break;
      }
      attempt = 0;
      this.goOnline(session.publicUrl);
      const why = await this.waitFor(session.dropped);
      this.sessionLive = false;
      await session.close().catch(() => {});
      if (why.kind === 'stop') break;
      if (why.kind === 'retry-due') continue; // unreachable: no retry timer runs while online
      if (why.kind === 'drop' && !why.error.retryable) {
        this.fail(why.error.message);
        return;
      }
      attempt = 1;
      if (why.kind === 'wake') {
        // Retrying at once: the network may be back already, and the user is looking now.
        this.setStatus({
          state: 'reconnecting',
          attempt,
          reason: `the computer woke from sleep (about ${Math.round(why.sleptMs / 1000)} s)`,
          nextRetryMs: 0,
        });
      } else {
        await this.waitBeforeRetry(attempt, why.error.message);
      }
    }
    this.closeCurrentUrl();
    this.setStatus({ state: 'offline' });
  }

  private health(): SessionHealth {
    return {
      degraded: (reason) => {
        if (this.stopped || !this.sessionLive) return;
        this.degradedAttempts += 1;
        this.setStatus({
          state: 'reconnecting',
          attempt: this.degradedAttempts,
          reason,
          nextRetryMs: 0,
        });
      },
      recovered: () => {
        if (this.stopped || !this.sessionLive || this.currentStatus.state !== 'reconnecting')
          return;
        const current = this.history.at(-1);
        if (current && current.until === null) {
          this.degradedAttempts = 0;
          this.setStatus({ state: 'online', publicUrl: current.url });
        }
      },
    };
  }

  private async waitBeforeRetry(attempt: number, reason: string): Promise<void> {
    const nextRetryMs = backoffDelayMs(attempt, this.backoff, this.random);
    this.setStatus({ state: 'reconnecting', attempt, reason, nextRetryMs });
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<never>(() => {
      timer = setTimeout(() => this.interrupt?.({ kind: 'retry-due' }), nextRetryMs);
    });
    // A wake or the timer both end the wait the same way: try again now.
    await this.waitFor(elapsed);
    clearTimeout(timer);
  }

  /** Waits for a drop, a stop() or a wake, whichever comes first. */
  private waitFor(dropped: Promise<TunnelError>): Promise<Interruption> {
    return new Promise<Interruption>((resolve) => {
      if (this.stopped) {
        resolve({ kind: 'stop' });
        return;
      }
      this.interrupt = (why) => {
        this.interrupt = null;
        resolve(why);
      };
      dropped.then(
        (error) => this.interrupt?.({ kind: 'drop', error }),
        (error: unknown) =>
          this.interrupt?.({ kind: 'drop', error: asTunnelError(error, 'the tunnel dropped') }),
      );
    });
  }

  private goOnline(publicUrl: string): void {
    this.degradedAttempts = 0;
    this.sessionLive = true;
    const previous = this.history.at(-1);
    if (previous?.url !== publicUrl) {
      const now = Date.now();
      if (previous && previous.until === null) previous.until = now;
      this.history.push({ url: publicUrl, since: now, until: null });
    }
    this.setStatus({ state: 'online', publicUrl });
    if (previous && previous.url !== publicUrl) {
      this.events.emit('url-changed', { previous: previous.url, current: publicUrl });
    }
  }

  /** Ends the tunnel on a failure that retrying cannot fix. */
  private fail(reason: string): void {
    this.stopWakeWatch();
    this.closeCurrentUrl();
    this.setStatus({ state: 'error', reason });
  }

  private closeCurrentUrl(): void {
    const current = this.history.at(-1);
    if (current && current.until === null) current.until = Date.now();
  }

  private setStatus(status: TunnelStatus): void {
    this.currentStatus = status;
    this.events.emit('status', status);
  }
}
