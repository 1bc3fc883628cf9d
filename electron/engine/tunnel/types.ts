import type { Duplex } from 'node:stream';

/** No tunnel: the receiver is only reachable on this machine. */
export interface NoTunnelConfig {
  provider: 'none';
}

export interface NgrokTunnelConfig {
  provider: 'ngrok';
  /** Falls back to the NGROK_AUTHTOKEN environment variable. */
  authtoken?: string;
  /** A reserved/static domain of the account, e.g. `hooks.example.ngrok.app`. */
  domain?: string;
  /** Point of presence code (`us`, `eu`, `ap`, `au`, `sa`, `jp`, `in`, `us-cal-1`). */
  region?: string;
  connectTimeoutMs?: number;
}

export interface SshTunnelConfig {
  provider: 'ssh';
  /** `user@host:port`; the port defaults to 22, IPv6 hosts go in brackets (`user@[::1]:2222`). */
  target: string;
  /** Path of a private key file (OpenSSH or PEM format). */
  keyFile?: string;
  /** Passphrase of keyFile, when it is encrypted. */
  passphrase?: string;
  /** Authenticate through the ssh-agent at SSH_AUTH_SOCK. */
  useAgent?: boolean;
  /** Port the server listens on for us; 0 lets the server choose. */
  remotePort: number;
  /** Bind address requested from the server; defaults to `localhost`, like `ssh -R`. */
  remoteHost?: string;
  /** The URL senders should use; defaults to `http://host:boundPort`. */
  publicUrl?: string;
  /**
   * For services that print the public URL on the session (serveo, localhost.run style): open a
   * shell channel and take the first http(s) URL it prints as the public URL.
   */
  publicUrlFromBanner?: boolean;
  /**
   * Expected server host key fingerprint, as printed by `ssh-keygen -lf` (`SHA256:...`).
   * Without it any host key is accepted.
   */
  hostKeyFingerprint?: string;
  connectTimeoutMs?: number;
}

export type TunnelConfig = NoTunnelConfig | NgrokTunnelConfig | SshTunnelConfig;
export type TunnelProvider = TunnelConfig['provider'];

/** Where tunnelled connections go: the receiver. */
export interface TunnelTarget {
  port: number;
  host: string;
  /**
   * Receives each tunnelled connection (Receiver.acceptTunnelConnection), so deliveries are
   * recorded as arriving via the tunnel. Without it connections are piped to host:port.
   */
  acceptConnection?: (stream: Duplex) => void;
}

export type TunnelStatus =
  | { state: 'connecting' }
  | { state: 'online'; publicUrl: string }
  | { state: 'reconnecting'; attempt: number; reason: string; nextRetryMs: number }
  | { state: 'offline' }
  | { state: 'error'; reason: string };

export type TunnelState = TunnelStatus['state'];

/** One public URL the tunnel had, and when. `until` is null while it is the current URL. */
export interface TunnelUrlRecord {
  url: string;
  since: number;
  until: number | null;
}

/** Emitted when a reconnect came back with a different public URL: senders must be told. */
export interface TunnelUrlChange {
  previous: string;
  current: string;
}

export interface TunnelEvents {
  status: (status: TunnelStatus) => void;
  'url-changed': (change: TunnelUrlChange) => void;
}

export interface Tunnel {
  readonly provider: TunnelProvider;
  readonly status: TunnelStatus;
  /** The current public URL, null when not online. */
  readonly publicUrl: string | null;
  readonly urlHistory: readonly TunnelUrlRecord[];
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof TunnelEvents>(event: E, listener: TunnelEvents[E]): () => void;
  /** Closes the tunnel for good; the status ends as offline. */
  stop(): Promise<void>;
}

/** Knobs for tests and embedders; production uses the defaults. */
export interface TunnelOptions {
  backoff?: Partial<BackoffPolicy>;
  /** Source of randomness for the jitter, in [0, 1). */
  random?: () => number;
  /** How often the sleep/wake watcher looks at the clock, and how big a jump means "woke up". */
  wakeCheck?: { intervalMs: number; jumpThresholdMs: number };
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}
