import type { Engine } from '../engine';
import { startUiServer, type UiServer } from '../server';
import { ENGINE_OPTIONS, parseCommandArgs, UsageError } from './args';
import { openInBrowser } from './open-in-browser';
import { findRendererDir } from './renderer-dir';
import {
  DEFAULT_RECEIVER_PORT,
  DEFAULT_UI_PORT,
  engineSettings,
  startEngine,
} from './start-engine';
import { nextShutdownSignal } from './shutdown-signal';
import { logTunnelChanges, startCliTunnel } from './tunnel/start-cli-tunnel';
import { TUNNEL_HELP, TUNNEL_OPTIONS, tunnelRequestFromFlags } from './tunnel/tunnel-flags';

export const SERVE_HELP = `Usage: hookscope serve [options]

Runs the capture engine: every request to the receiver is stored, then answered.
Serves the app (the built renderer) to a browser on 127.0.0.1, on its own port; the URL carries a
per-run token after "#": open exactly that URL. When ready, prints one line to stdout:
  hookscope ready {"receiver":"http://127.0.0.1:${DEFAULT_RECEIVER_PORT}","ui":"http://127.0.0.1:${DEFAULT_UI_PORT}/#token=...","publicUrl":null}
"ui" is null when the renderer is not built (run "npm run build").
Logs go to stderr. Ctrl-C (SIGINT) or SIGTERM stores what is in flight and exits 0.

Options:
  --data-dir DIR         where hookscope.db lives (default: the platform data folder)
  --host HOST            receiver bind address (default 127.0.0.1)
  --receiver-port N      receiver port, 0 picks a free one (default ${DEFAULT_RECEIVER_PORT})
  --port N               browser UI port, 0 picks a free one (default ${DEFAULT_UI_PORT}; never the receiver's)
  --open                 open the UI in the default browser
  --config FILE          JSON config: {"endpoints":[{"path":"/hook","response":{"status":200}}]}
  --max-body-bytes N     larger bodies get 413 and a truncated record (default 25 MiB)
  --durability MODE      commit (default: an answered delivery survives a crash of Hookscope)
                         or fsync (also survives a power loss; each answer waits for the disk)
  --arm-handshakes MIN   answer subscription challenges (handshakes) for MIN minutes from start on
                         every endpoint with handshakes on (default: 10 for --config endpoints,
                         none for endpoints saved earlier; 0: none). Outside a window challenges get
                         403 and a record saying why, except Twitter CRC and Zoom, which re-validate
                         by themselves; see README "Handshakes and the signing oracle"
  -h, --help             show this help

${TUNNEL_HELP}With --tunnel, the ready line waits for the tunnel's first attempt (at most --tunnel-timeout):
"publicUrl" is the public URL when it came up, else null, and the reason is on stderr; serving goes
on locally while the tunnel keeps retrying, unless --tunnel-required (then exit 1).
`;

const SERVE_OPTIONS = {
  ...ENGINE_OPTIONS,
  open: { type: 'boolean' },
  'arm-handshakes': { type: 'string' },
  ...TUNNEL_OPTIONS,
} as const;

/** `--arm-handshakes MINUTES` as milliseconds, or null when not given. */
export function armHandshakesMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const minutes = Number(value);
  if (value.trim() === '' || !Number.isFinite(minutes) || minutes < 0 || minutes > 7 * 24 * 60) {
    throw new UsageError(
      `--arm-handshakes must be a number of minutes from 0 to 10080, got "${value}"`,
    );
  }
  return Math.round(minutes * 60_000);
}

/** Opens (or, with 0, closes) the handshake window of every endpoint that has handshakes on. */
function armHandshakes(engine: Engine, ms: number): void {
  for (const endpoint of engine.endpoints()) {
    if (!endpoint.handshake) continue;
    if (ms > 0) engine.captureRules.arm(endpoint.path, ms);
    else engine.captureRules.disarm(endpoint.path);
  }
}

export async function serveCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, SERVE_OPTIONS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const settings = engineSettings(values);
  const armMs = armHandshakesMs(values['arm-handshakes']);
  const tunnelRequest = tunnelRequestFromFlags(values);
  if (settings.uiPort !== 0 && settings.uiPort === settings.receiverPort) {
    throw new UsageError(
      `--port and --receiver-port are both ${settings.uiPort}: the UI needs its own port`,
    );
  }
  const shutdown = nextShutdownSignal();
  const engine = await startEngine(settings);
  if (armMs !== null) {
    armHandshakes(engine, armMs);
    process.stderr.write(
      armMs > 0
        ? `hookscope: handshakes armed for ${armMs / 60_000} minutes\n`
        : 'hookscope: handshakes not armed (only Twitter CRC and Zoom are answered)\n',
    );
  }
  let uiServer: UiServer | null;
  try {
    uiServer = await startBrowserUi(engine, settings.uiPort);
  } catch (error) {
    // The engine is open (database, receiver socket): close it before reporting.
    await engine.close();
    throw error;
  }
  const ui = uiServer?.url ?? null;
  let publicUrl: string | null = null;
  try {
    publicUrl = tunnelRequest ? (await startCliTunnel(engine, tunnelRequest)).publicUrl : null;
  } catch (error) {
    await uiServer?.close();
    await engine.close();
    throw error;
  }
  if (tunnelRequest?.required && !publicUrl) {
    process.stderr.write('hookscope: --tunnel-required and the tunnel is not online: stopping\n');
    await uiServer?.close();
    await engine.close();
    return 1;
  }
  const stopTunnelLog = logTunnelChanges(engine);
  const ready = { receiver: engine.receiver.url, ui, publicUrl };
  process.stdout.write(`hookscope ready ${JSON.stringify(ready)}\n`);
  process.stderr.write(`hookscope: storing deliveries in ${settings.dataDir}\n`);
  if (ui) process.stderr.write(`hookscope: the app is at ${ui}\n`);
  if (ui && values.open) {
    openInBrowser(ui).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `hookscope: warning: could not open a browser (${reason}); open ${ui}\n`,
      );
    });
  }

  const signal = await shutdown;
  process.stderr.write(`hookscope: ${signal}, storing in-flight deliveries and stopping\n`);
  stopTunnelLog();
  await uiServer?.close();
  await engine.close();
  return 0;
}

/** The browser UI, or null (with the reason on stderr) when the renderer has not been built. */
async function startBrowserUi(engine: Engine, port: number): Promise<UiServer | null> {
  const renderer = findRendererDir();
  if (!renderer.dir) {
    process.stderr.write(
      `hookscope: the app is not built (no index.html in ${renderer.searched.join(' or ')}); ` +
        'run "npm run build" to serve it. Capturing anyway.\n',
    );
    return null;
  }
  try {
    return await startUiServer({
      engine,
      port,
      staticDir: renderer.dir,
      report: (error, context) => {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`hookscope: ui: ${context}: ${message}\n`);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`UI port ${port} is in use: choose another with --port (0 picks a free one)`);
    }
    throw error;
  }
}
