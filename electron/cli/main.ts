import { HOOKSCOPE_VERSION } from '../engine';
import { UsageError } from './args';
import { exportCommand } from './export';
import { importCommand } from './import';
import { diffCommand } from './diff';
import { listenCommand } from './listen';
import { serveCommand } from './serve';
import { replayCommand } from './replay';
import { sendCommand } from './send';
import { handshakeCommand } from './handshake';
import { bulkCommand } from './bulk';
import { subscribeCommand } from './subscribe';
import { subscriptionsCommand } from './subscriptions';
import { unsubscribeCommand } from './unsubscribe';
import { repairCliCommand } from './repair';
import { schemaCommand } from './schema';
import { suiteCommand } from './suite';
import { testCommand } from './test-suite';

interface Command {
  summary: string;
  run(argv: readonly string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  serve: { summary: 'run the capture engine (prints a ready line)', run: serveCommand },
  listen: { summary: 'capture and print one line per delivery', run: listenCommand },
  export: { summary: 'write stored deliveries as jsonl, HAR or curl commands', run: exportCommand },
  import: { summary: 'add deliveries from a jsonl or HAR file', run: importCommand },
  diff: { summary: 'compare two stored deliveries (exit 0 equal, 1 different)', run: diffCommand },
  subscribe: { summary: 'register the public URL with a provider', run: subscribeCommand },
  subscriptions: { summary: "list a provider's webhook subscriptions", run: subscriptionsCommand },
  unsubscribe: { summary: 'delete a subscription at a provider', run: unsubscribeCommand },
  replay: {
    summary: 'send a stored delivery again (exact bytes, or re-signed)',
    run: replayCommand,
  },
  send: { summary: "forge a provider's event from its template and send it", run: sendCommand },
  handshake: {
    summary: "play a provider's subscription handshake against a URL",
    run: handshakeCommand,
  },
  bulk: { summary: 'send N copies at concurrency C; latency histogram', run: bulkCommand },
  repair: { summary: 'rebuild a damaged store from its readable rows', run: repairCliCommand },
  schema: { summary: 'print the schema learned from stored deliveries', run: schemaCommand },
  suite: { summary: 'save stored deliveries as a replay test suite', run: suiteCommand },
  test: { summary: 'run a replay test suite against a URL (exit 1 on failures)', run: testCommand },
};

export const MAIN_HELP = `Usage: hookscope <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(13)} ${command.summary}`)
  .join('\n')}

Run "hookscope <command> --help" for a command's options.
Exit codes: 0 success, 1 runtime error, 2 usage error.
`;

/** Runs one command and returns its exit code; every error becomes one line on stderr. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  let label = 'hookscope';
  try {
    if (name === undefined) {
      process.stderr.write(MAIN_HELP);
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = rest[0] && COMMANDS[rest[0]];
      if (topic) return await topic.run(['--help']);
      process.stdout.write(MAIN_HELP);
      return 0;
    }
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${HOOKSCOPE_VERSION}\n`);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`unknown command "${name}"`);
    label = `hookscope ${name}`;
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      const hint = label === 'hookscope' ? 'hookscope --help' : `${label} --help`;
      process.stderr.write(`${label}: ${error.message} (see ${hint})\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${label}: ${message}\n`);
    if (process.env.HOOKSCOPE_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
