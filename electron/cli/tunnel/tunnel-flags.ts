import type { TunnelStartSettings } from '../../engine/tunnel-manager/tunnel-config';
import { parseChoice, parseInteger, parsePort, UsageError } from '../args';

/** Flags that put the receiver behind a tunnel (serve, subscribe). */
export const TUNNEL_OPTIONS = {
  tunnel: { type: 'string' },
  'ngrok-domain': { type: 'string' },
  'ngrok-region': { type: 'string' },
  'ssh-target': { type: 'string' },
  'ssh-key': { type: 'string' },
  'ssh-agent': { type: 'boolean' },
  'ssh-remote-port': { type: 'string' },
  'ssh-host-key': { type: 'string' },
  'public-url': { type: 'string' },
  'tunnel-timeout': { type: 'string' },
  'tunnel-required': { type: 'boolean' },
} as const;

export const TUNNEL_HELP = `Tunnel (the public URL providers call; only the receiver is exposed, never the UI):
  --tunnel none|ngrok|ssh   start a tunnel to the receiver (default none)
  --ngrok-domain D          reserved ngrok domain, so the URL survives restarts
  --ngrok-region R          ngrok region (us, eu, ap, au, sa, jp, in)
                            authtoken: the one saved from the app, else NGROK_AUTHTOKEN
  --ssh-target U@H:P        SSH server for a reverse tunnel (ssh -R), port 22 by default
  --ssh-key FILE            private key file (else --ssh-agent)
  --ssh-agent               authenticate with the agent at SSH_AUTH_SOCK
  --ssh-remote-port N       port the server listens on; 0 lets it choose (default 0)
  --ssh-host-key SHA256:..  expected host key fingerprint (ssh-keygen -lf)
  --public-url URL          the URL to show and subscribe instead of the tunnel's own
  --tunnel-timeout MS       give up on one connect attempt after MS (default 20000)
  --tunnel-required         exit 1 if the tunnel is not online when ready
`;

export interface TunnelFlags {
  tunnel?: string;
  'ngrok-domain'?: string;
  'ngrok-region'?: string;
  'ssh-target'?: string;
  'ssh-key'?: string;
  'ssh-agent'?: boolean;
  'ssh-remote-port'?: string;
  'ssh-host-key'?: string;
  'public-url'?: string;
  'tunnel-timeout'?: string;
  'tunnel-required'?: boolean;
}

export interface TunnelRequest {
  settings: TunnelStartSettings;
  required: boolean;
  /** How long `serve` waits for the first attempt before printing the ready line. */
  connectTimeoutMs: number;
}

export const DEFAULT_TUNNEL_TIMEOUT_MS = 20_000;
const PUBLIC_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/;

/** Validates the tunnel flags (usage errors, exit 2) before anything starts; null: no tunnel. */
export function tunnelRequestFromFlags(flags: TunnelFlags): TunnelRequest | null {
  const provider = parseChoice(flags.tunnel, 'tunnel', ['none', 'ngrok', 'ssh'] as const) ?? 'none';
  const given = (names: (keyof TunnelFlags)[]) => names.filter((name) => flags[name] !== undefined);
  const misplaced = [
    ...(provider !== 'ngrok' ? given(['ngrok-domain', 'ngrok-region']) : []),
    ...(provider !== 'ssh'
      ? given(['ssh-target', 'ssh-key', 'ssh-agent', 'ssh-remote-port', 'ssh-host-key'])
      : []),
  ];
  if (misplaced[0]) {
    const wants = misplaced[0].startsWith('ngrok') ? 'ngrok' : 'ssh';
    throw new UsageError(`--${misplaced[0]} needs --tunnel ${wants}`);
  }
  const publicUrl = flags['public-url'];
  if (publicUrl !== undefined && !PUBLIC_URL.test(publicUrl)) {
    throw new UsageError(`--public-url must be an http(s) URL, got "${publicUrl}"`);
  }
  const timeout = parseInteger(flags['tunnel-timeout'], 'tunnel-timeout', { min: 1, max: 600_000 });
  const required = flags['tunnel-required'] === true;
  if (provider === 'none') {
    if (required) throw new UsageError('--tunnel-required needs --tunnel ngrok or --tunnel ssh');
    if (timeout !== undefined) throw new UsageError('--tunnel-timeout needs --tunnel ngrok or ssh');
    if (publicUrl === undefined) return null;
  }
  const common = {
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(timeout !== undefined ? { connectTimeoutMs: timeout } : {}),
  };
  const connectTimeoutMs = timeout ?? DEFAULT_TUNNEL_TIMEOUT_MS;
  switch (provider) {
    case 'none':
      return { settings: { provider: 'none', ...common }, required, connectTimeoutMs };
    case 'ngrok':
      return {
        settings: {
          provider: 'ngrok',
          ...(flags['ngrok-domain'] ? { domain: flags['ngrok-domain'] } : {}),
          ...(flags['ngrok-region'] ? { region: flags['ngrok-region'] } : {}),
          ...common,
        },
        required,
        connectTimeoutMs,
      };
    case 'ssh': {
      const target = flags['ssh-target'];
      if (!target) throw new UsageError('--tunnel ssh needs --ssh-target user@host:port');
      if (!flags['ssh-key'] && !flags['ssh-agent']) {
        throw new UsageError('--tunnel ssh needs --ssh-key FILE or --ssh-agent');
      }
      return {
        settings: {
          provider: 'ssh',
          target,
          remotePort: parsePort(flags['ssh-remote-port'], 'ssh-remote-port') ?? 0,
          ...(flags['ssh-key'] ? { keyFile: flags['ssh-key'] } : {}),
          ...(flags['ssh-agent'] ? { useAgent: true } : {}),
          ...(flags['ssh-host-key'] ? { hostKeyFingerprint: flags['ssh-host-key'] } : {}),
          ...common,
        },
        required,
        connectTimeoutMs,
      };
    }
  }
}
