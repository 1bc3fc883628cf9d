// Only the light modules load up front: each command's module (and the engine behind it) is
// imported when that command runs, so `--help` and `--version` never pay for the whole CLI.
import { HOOKSCOPE_VERSION } from '../engine/version';
import { UsageError } from './args';

type CommandRun = (argv: readonly string[]) => Promise<number>;

interface Command {
  summary: string;
  /** Loads the command's module on demand (a separate chunk in the esbuild bundle). */
  load(): Promise<CommandRun>;
}

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run the capture engine (prints a ready line)',
    load: async () => (await import('./serve')).serveCommand,
  },
  listen: {
    summary: 'capture and print one line per delivery',
    load: async () => (await import('./listen')).listenCommand,
  },
  export: {
    summary: 'write stored deliveries as jsonl, HAR or curl commands',
    load: async () => (await import('./export')).exportCommand,
  },
  import: {
    summary: 'add deliveries from a jsonl or HAR file',
    load: async () => (await import('./import')).importCommand,
  },
  diff: {
    summary: 'compare two stored deliveries (exit 0 equal, 1 different)',
    load: async () => (await import('./diff')).diffCommand,
  },
  subscribe: {
    summary: 'register the public URL with a provider',
    load: async () => (await import('./subscribe')).subscribeCommand,
  },
  subscriptions: {
    summary: "list a provider's webhook subscriptions",
    load: async () => (await import('./subscriptions')).subscriptionsCommand,
  },
  unsubscribe: {
    summary: 'delete a subscription at a provider',
    load: async () => (await import('./unsubscribe')).unsubscribeCommand,
  },
  replay: {
    summary: 'send a stored delivery again (exact bytes, or re-signed)',
    load: async () => (await import('./replay')).replayCommand,
  },
  send: {
    summary: "forge a provider's event from its template and send it",
    load: async () => (await import('./send')).sendCommand,
  },
  handshake: {
    summary: "play a provider's subscription handshake against a URL",
    load: async () => (await import('./handshake')).handshakeCommand,
  },
  bulk: {
    summary: 'send N copies at concurrency C; latency histogram',
    load: async () => (await import('./bulk')).bulkCommand,
  },
  repair: {
    summary: 'rebuild a damaged store from its readable rows',
    load: async () => (await import('./repair')).repairCliCommand,
  },
  schema: {
    summary: 'print the schema learned from stored deliveries',
    load: async () => (await import('./schema')).schemaCommand,
  },
  suite: {
    summary: 'save stored deliveries as a replay test suite',
    load: async () => (await import('./suite')).suiteCommand,
  },
  test: {
    summary: 'run a replay test suite against a URL (exit 1 on failures)',
    load: async () => (await import('./test-suite')).testCommand,
  },
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
      if (topic) return await (await topic.load())(['--help']);
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
    const run = await command.load();
    return await run(rest);
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
