import { ENGINE_OPTIONS, parseCommandArgs } from './args';
import {
  DEFAULT_RECEIVER_PORT,
  DEFAULT_UI_PORT,
  engineSettings,
  startEngine,
} from './start-engine';
import { nextShutdownSignal } from './shutdown-signal';

export const SERVE_HELP = `Usage: hookscope serve [options]

Runs the capture engine: every request to the receiver is stored, then answered.
When ready, prints one line to stdout:
  hookscope ready {"receiver":"http://127.0.0.1:${DEFAULT_RECEIVER_PORT}","ui":null,"publicUrl":null}
Logs go to stderr. Ctrl-C (SIGINT) or SIGTERM stores what is in flight and exits 0.

Options:
  --data-dir DIR         where hookscope.db lives (default: the platform data folder)
  --host HOST            receiver bind address (default 127.0.0.1)
  --receiver-port N      receiver port, 0 picks a free one (default ${DEFAULT_RECEIVER_PORT})
  --port N               browser UI port (default ${DEFAULT_UI_PORT}; the UI is not available yet)
  --config FILE          JSON config: {"endpoints":[{"path":"/hook","response":{"status":200}}]}
  --max-body-bytes N     larger bodies get 413 and a truncated record (default 25 MiB)
  -h, --help             show this help
`;

export async function serveCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, ENGINE_OPTIONS);
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const settings = engineSettings(values);
  const shutdown = nextShutdownSignal();
  const engine = await startEngine(settings);
  // The browser UI server (electron/server, bound to 127.0.0.1:settings.uiPort) starts here once
  // it exists; until then there is no UI to announce.
  const ui: string | null = null;
  const ready = { receiver: engine.receiver.url, ui, publicUrl: null };
  process.stdout.write(`hookscope ready ${JSON.stringify(ready)}\n`);
  process.stderr.write(`hookscope: storing deliveries in ${settings.dataDir}\n`);

  const signal = await shutdown;
  process.stderr.write(`hookscope: ${signal}, storing in-flight deliveries and stopping\n`);
  await engine.close();
  return 0;
}
