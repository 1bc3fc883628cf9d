import type { TunnelError } from './tunnel-error';

/** A live tunnel session as a provider opened it. */
export interface TunnelSession {
  readonly publicUrl: string;
  /** Settles once the session dropped by itself; never settles because of close(). */
  readonly dropped: Promise<TunnelError>;
  close(): Promise<void>;
}

/**
 * Lets a provider whose SDK reconnects on its own (ngrok) report that to the supervisor without
 * the supervisor tearing the session down.
 */
export interface SessionHealth {
  degraded(reason: string): void;
  recovered(): void;
}

/** Opens one session; throws a TunnelError when it cannot. */
export type TunnelConnector = (health: SessionHealth) => Promise<TunnelSession>;
