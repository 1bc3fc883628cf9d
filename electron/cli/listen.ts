import { toJsonlLine } from '../engine';
import { ENGINE_OPTIONS, parseCommandArgs } from './args';
import { formatDeliveryLine } from './delivery-line';
import {
  DEFAULT_RECEIVER_PORT,
  DEFAULT_UI_PORT,
  engineSettings,
  startEngine,
} from './start-engine';
import { nextShutdownSignal } from './shutdown-signal';

export const LISTEN_HELP = `Usage: hookscope listen [options]

Runs the capture engine in the terminal and prints one line per delivery on stdout:
  14:03:07.123 POST   /kanboard?token=x  512 B  -> 200
With --json, prints one JSON object per line instead (the jsonl export format).
Deliveries are stored as with "serve". The ready line
  hookscope ready {"receiver":"http://127.0.0.1:${DEFAULT_RECEIVER_PORT}","ui":null,"publicUrl":null}
and other messages go to stderr, so stdout carries deliveries only.

Options:
  --json                 one JSON object per delivery
  --data-dir DIR         where hookscope.db lives (default: the platform data folder)
  --host HOST            receiver bind address (default 127.0.0.1)
  --receiver-port N      receiver port, 0 picks a free one (default ${DEFAULT_RECEIVER_PORT})
  --port N               browser UI port (default ${DEFAULT_UI_PORT}; unused by listen for now)
  --config FILE          JSON config file (see "hookscope serve --help")
  --max-body-bytes N     larger bodies get 413 and a truncated record (default 25 MiB)
  --durability MODE      commit (default: an answered delivery survives a crash of Hookscope)
                         or fsync (also survives a power loss; each answer waits for the disk)
  -h, --help             show this help
`;

const LISTEN_OPTIONS = { ...ENGINE_OPTIONS, json: { type: 'boolean' } } as const;

export async function listenCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, LISTEN_OPTIONS);
  if (values.help) {
    process.stdout.write(LISTEN_HELP);
    return 0;
  }
  const settings = engineSettings(values);
  const json = values.json ?? false;
  const shutdown = nextShutdownSignal();
  const engine = await startEngine(settings);

  const stopWatching = engine.store.onChange((change) => {
    if (change.kind !== 'appended') return;
    for (const summary of change.items) {
      // Retention may already have evicted it under heavy load: nothing more to print then.
      const delivery = engine.store.get(summary.id);
      if (!json)
        process.stdout.write(
          `${formatDeliveryLine(summary, delivery?.verdict ?? null, delivery?.driftVerdict ?? null)}\n`,
        );
      else if (delivery) process.stdout.write(toJsonlLine(delivery));
    }
  });

  const ready = { receiver: engine.receiver.url, ui: null, publicUrl: null };
  process.stderr.write(`hookscope ready ${JSON.stringify(ready)}\n`);
  process.stderr.write(`hookscope: listening on ${engine.receiver.url}, Ctrl-C to stop\n`);

  await shutdown;
  await engine.close();
  stopWatching();
  return 0;
}
