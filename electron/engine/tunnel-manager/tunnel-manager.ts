import type { TunnelInfo, TunnelSettings, TunnelUrlRecord } from '../../contract/tunnel';
import type { EngineEvents } from '../events/engine-events';
import type { Receiver } from '../receiver/types';
import type { SecretVault } from '../secrets/types';
import { startTunnel } from '../tunnel';
import type { Tunnel, TunnelOptions, TunnelStatus } from '../tunnel/types';
import {
  NGROK_AUTHTOKEN_KEY,
  rememberSecrets,
  toTunnelConfig,
  type TunnelStartSettings,
} from './tunnel-config';
import { createTunnelStateStore, MAX_URL_HISTORY, type TunnelState } from './tunnel-state-file';

export interface TunnelUrlChange {
  previous: string;
  current: string;
  at: number;
}

export interface TunnelManagerOptions {
  dataDir: string;
  receiver: Receiver;
  vault: SecretVault;
  events: EngineEvents;
  /** Told once per public URL change, after the URL is on record. */
  onUrlChanged: (change: TunnelUrlChange) => void;
  onError: (error: Error, context: string) => void;
  tunnelOptions?: TunnelOptions;
}

export interface TunnelManager {
  /** Stops the running tunnel (if any) and starts this one; answers at once (connecting). */
  start(settings: TunnelStartSettings): Promise<TunnelInfo>;
  stop(): Promise<TunnelInfo>;
  info(): TunnelInfo;
  /** Public URLs so far, oldest first, across restarts. */
  history(): TunnelUrlRecord[];
  /** What senders should use now, or null. */
  publicUrl(): string | null;
  /** The last settings started (remembered across restarts), or null. */
  lastSettings(): TunnelSettings | null;
  /**
   * Resolves with the first status after `connecting`: online, or why not (the first failed
   * attempt, whose reason says what went wrong, while the tunnel keeps retrying).
   */
  settled(): Promise<TunnelInfo>;
  close(): Promise<void>;
}

const IDLE: TunnelStatus = { state: 'offline' };

/**
 * The engine's one tunnel. It always points at the receiver (never the UI port), hands tunnelled
 * connections to the receiver so deliveries are recorded via 'tunnel', keeps the URL history on
 * disk and notices when the public URL differs from the last one, even across restarts: that is
 * when providers still point at a dead URL.
 */
export function createTunnelManager(options: TunnelManagerOptions): TunnelManager {
  const { receiver, vault, events } = options;
  const stateStore = createTunnelStateStore(options.dataDir, (error) =>
    options.onError(error, 'tunnel state'),
  );
  const state: TunnelState = stateStore.load();
  let tunnel: Tunnel | null = null;
  let active: TunnelSettings | null = null;
  let unsubscribe: (() => void) | null = null;
  let settleWaiters: ((info: TunnelInfo) => void)[] = [];

  const persist = () => {
    try {
      stateStore.save(state);
    } catch (error) {
      options.onError(error as Error, 'saving the tunnel state');
    }
  };

  const override = () => active?.publicUrl ?? null;

  function currentStatus(): TunnelStatus {
    if (!tunnel) return IDLE;
    const status = tunnel.status;
    const shown = override();
    return status.state === 'online' && shown ? { state: 'online', publicUrl: shown } : status;
  }

  function publicUrl(): string | null {
    const status = currentStatus();
    if (status.state === 'online') return status.publicUrl;
    // provider none with an override: a reverse proxy the user runs in front of the receiver.
    return active?.provider === 'none' ? override() : null;
  }

  function info(): TunnelInfo {
    return {
      provider: tunnel?.provider ?? 'none',
      status: currentStatus(),
      publicUrl: publicUrl(),
      settings: active ?? state.settings,
      ngrokAuthtokenSaved: vault.get(NGROK_AUTHTOKEN_KEY) !== null,
    };
  }

  function recordOnline(url: string, provider: TunnelUrlRecord['provider']): void {
    const last = state.history.at(-1);
    const now = Date.now();
    if (last && last.url === url) {
      if (last.until === null) return;
      // The same URL again (a reserved domain or fixed port after a restart): still current.
      last.until = null;
      persist();
      return;
    }
    if (last && last.until === null) last.until = now;
    state.history.push({ url, provider, since: now, until: null });
    if (state.history.length > MAX_URL_HISTORY)
      state.history.splice(0, state.history.length - MAX_URL_HISTORY);
    persist();
    if (last) options.onUrlChanged({ previous: last.url, current: url, at: now });
  }

  function closeCurrentRecord(): void {
    const last = state.history.at(-1);
    if (last && last.until === null) {
      last.until = Date.now();
      persist();
    }
  }

  function onStatus(running: Tunnel): void {
    if (running !== tunnel) return;
    const status = currentStatus();
    if (status.state === 'online') recordOnline(status.publicUrl, running.provider);
    if (status.state === 'offline' || status.state === 'error') closeCurrentRecord();
    const snapshot = info();
    events.emit('tunnel:changed', snapshot);
    if (status.state !== 'connecting') {
      const waiters = settleWaiters;
      settleWaiters = [];
      for (const resolve of waiters) resolve(snapshot);
    }
  }

  async function stopRunning(): Promise<void> {
    const running = tunnel;
    if (!running) return;
    await running.stop();
    unsubscribe?.();
    unsubscribe = null;
    tunnel = null;
    closeCurrentRecord();
  }

  return {
    async start(input) {
      const settings = rememberSecrets(input, vault);
      await stopRunning();
      active = settings;
      state.settings = settings;
      persist();
      const running = startTunnel(
        toTunnelConfig(settings, vault),
        // SECURITY: the receiver only, never the UI/control port.
        {
          host: '127.0.0.1',
          port: receiver.port,
          acceptConnection: (stream) => receiver.acceptTunnelConnection(stream),
        },
        options.tunnelOptions,
      );
      tunnel = running;
      unsubscribe = running.on('status', () => onStatus(running));
      if (settings.provider === 'none' && settings.publicUrl)
        recordOnline(settings.publicUrl, 'none');
      const snapshot = info();
      events.emit('tunnel:changed', snapshot);
      return snapshot;
    },
    async stop() {
      await stopRunning();
      active = null;
      const snapshot = info();
      events.emit('tunnel:changed', snapshot);
      return snapshot;
    },
    info,
    history: () => state.history.map((record) => ({ ...record })),
    publicUrl,
    lastSettings: () => state.settings,
    settled() {
      const now = info();
      if (now.status.state !== 'connecting') return Promise.resolve(now);
      return new Promise((resolve) => settleWaiters.push(resolve));
    },
    async close() {
      await stopRunning();
      const snapshot = info();
      for (const resolve of settleWaiters.splice(0)) resolve(snapshot);
    },
  };
}
