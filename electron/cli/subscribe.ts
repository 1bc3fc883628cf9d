import type { Engine, EndpointConfig } from '../engine';
import { loadConfigFile } from '../engine';
import {
  createKeyclicClient,
  createPreservicaClient,
  kanboardSetup,
  phraseanetSetup,
  runPreservicaSubscribe,
  webhookUrl,
  type ManualSetup,
  type PreservicaConnection,
  type ProviderConnection,
  type SubscribeStep,
} from '../engine/subscriptions';
import { parseChoice, parseCommandArgs, parseInteger, UsageError } from './args';
import { engineSettings, startEngine } from './start-engine';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';
import { startCliTunnel } from './tunnel/start-cli-tunnel';
import { TUNNEL_HELP, TUNNEL_OPTIONS, tunnelRequestFromFlags } from './tunnel/tunnel-flags';
import { dataDirFrom } from './open-existing-store';

export const SUBSCRIBE_HELP = `Usage: hookscope subscribe --provider P --endpoint PATH [options]

Registers Hookscope's public URL + PATH with a provider, and records the subscription so it can be
re-pointed when the public URL changes.
  preservica  --trigger MOVED|FULL_TEXT_INDEXED|CHANGED_SECURITY_DESCRIPTOR|INGEST_FAILED|
              CHANGE_ASSET_VISIBILITY. Preservica challenges the URL during the call, so a receiver
              with the endpoint (Preservica provider, handshakes on, the same secret) must answer.
  keyclic     --event operationCreated|operationStateChanged|reportCreated|reportStateChanged
  kanboard, phraseanet  (no API) print where to paste the URL, then wait for the first delivery

Where the receiver comes from:
  --url URL     the public URL of a receiver that is already running (e.g. "hookscope serve
                --tunnel ..." with the endpoint in its --config). Give --secret (or --config with
                the endpoint's secret) so the subscription uses the secret that receiver answers with.
  (no --url)    this command runs its own engine on --data-dir with the endpoint (created with a
                fresh secret when missing, kept for later "serve" runs) and the tunnel flags below;
                without --tunnel the subscribed URL is the local receiver, reachable from this
                machine only, and gone when the command ends.

Options:
  --endpoint PATH           the endpoint path, e.g. /preservica (required)
  --trigger T / --event E   what to subscribe to (Preservica / Keyclic)
  --secret S                Preservica shared secret (default: the endpoint's, else a new one)
  --url URL                 public base URL of a running receiver (see above)
  --config FILE             endpoints file (as for serve)
  --receiver-port N         own engine's receiver port (default 0: any free port)
  --wait-ms N               kanboard/phraseanet: how long to wait for the first delivery (600000)
${CONNECTION_HELP}
${TUNNEL_HELP}Prints step lines on stderr and the result on stdout; exit 1 with the reason on failure.
`;

const SUBSCRIBE_OPTIONS = {
  ...CONNECTION_OPTIONS,
  ...TUNNEL_OPTIONS,
  endpoint: { type: 'string' },
  trigger: { type: 'string' },
  event: { type: 'string' },
  secret: { type: 'string' },
  url: { type: 'string' },
  config: { type: 'string' },
  'receiver-port': { type: 'string' },
  'wait-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PROVIDERS = ['preservica', 'keyclic', 'kanboard', 'phraseanet'] as const;
const URL_PATTERN = /^https?:\/\/[^\s/]+(\/\S*)?$/;

const say = (line: string) => process.stderr.write(`hookscope: ${line}\n`);
const printStep = ({ step, detail }: SubscribeStep) => say(`${step}: ${detail}`);

export async function subscribeCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, SUBSCRIBE_OPTIONS);
  if (values.help) {
    process.stdout.write(SUBSCRIBE_HELP);
    return 0;
  }
  const provider = parseChoice(values.provider, 'provider', PROVIDERS);
  if (!provider) throw new UsageError(`--provider is required (${PROVIDERS.join(', ')})`);
  const endpointPath = values.endpoint;
  if (!endpointPath?.startsWith('/'))
    throw new UsageError('--endpoint PATH is required and must start with "/"');
  const event = provider === 'preservica' ? values.trigger : values.event;
  if ((provider === 'preservica' || provider === 'keyclic') && !event) {
    throw new UsageError(
      provider === 'preservica'
        ? '--trigger is required for preservica'
        : '--event is required for keyclic',
    );
  }
  if (values.url !== undefined && !URL_PATTERN.test(values.url)) {
    throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);
  }
  const waitMs = parseInteger(values['wait-ms'], 'wait-ms', { min: 1, max: 86_400_000 }) ?? 600_000;
  const tunnelRequest = tunnelRequestFromFlags(values);
  if (values.url !== undefined && tunnelRequest) {
    throw new UsageError(
      '--url names a running receiver; the tunnel flags start one: give one or the other',
    );
  }
  const dataDir = dataDirFrom(values['data-dir']);
  const configured = values.config ? (await loadConfigFile(values.config)).endpoints : [];
  const configuredEndpoint = configured.find((endpoint) => endpoint.path === endpointPath);

  if (provider === 'kanboard' || provider === 'phraseanet') {
    return manualSubscribe(provider, endpointPath, values.url, configuredEndpoint, waitMs, () =>
      ownEngine(dataDir, values, tunnelRequest),
    );
  }
  const files = subscriptionFiles(dataDir);
  const { connection, accountId } = resolveConnection(provider, values, files.accounts);
  // Re-pointing later needs the credentials: the account is saved (password in the vault), and
  // forgotten again when the subscription failed and the account was new.
  const known = files.accounts.get(accountId) !== null;
  files.accounts.save(connection, accountId);
  try {
    return await apiSubscribe(
      provider,
      accountId,
      connection,
      endpointPath,
      event ?? '',
      values,
      configuredEndpoint,
      files,
      dataDir,
      tunnelRequest,
    );
  } catch (error) {
    if (!known) files.accounts.remove(accountId);
    throw error;
  }
}

async function apiSubscribe(
  provider: 'preservica' | 'keyclic',
  accountId: string,
  connection: ProviderConnection,
  endpointPath: string,
  event: string,
  values: { url?: string; secret?: string; 'receiver-port'?: string; config?: string },
  configuredEndpoint: EndpointConfig | undefined,
  files: ReturnType<typeof subscriptionFiles>,
  dataDir: string,
  tunnelRequest: ReturnType<typeof tunnelRequestFromFlags>,
): Promise<number> {
  if (values.url !== undefined) {
    const url = webhookUrl(values.url, endpointPath);
    if (provider === 'keyclic')
      return keyclicSubscribe(null, accountId, endpointPath, event, url, files);
    const secret = values.secret ?? configuredEndpoint?.secrets?.[0];
    if (!secret) {
      throw new UsageError(
        "--url needs --secret (or --config with the endpoint's secret): Preservica signs its challenge with it and the running receiver must answer with the same one",
      );
    }
    const run = runPreservicaSubscribe({
      client: createPreservicaClient(connection as PreservicaConnection),
      url,
      trigger: event,
      secret,
      onStep: printStep,
    });
    const outcome = await run.done;
    if (!outcome.ok) throw new Error(outcome.error.message);
    const record = files.registry.add(
      {
        provider: 'preservica',
        accountId,
        remoteId: outcome.value.id,
        endpointPath,
        url,
        event: event,
      },
      secret,
    );
    process.stdout.write(`subscribed ${outcome.value.id} ${event} ${url} (record ${record.id})\n`);
    return 0;
  }

  const engine = await ownEngine(dataDir, values, tunnelRequest);
  try {
    if (provider === 'preservica' && values.secret) useSecret(engine, endpointPath, values.secret);
    const publicUrl = engine.tunnel.publicUrl() ?? engine.receiver.url;
    const url = webhookUrl(publicUrl, endpointPath);
    if (provider === 'keyclic')
      return await keyclicSubscribe(engine, accountId, endpointPath, event, url, files);
    const stopSteps = engine.events.on((pushed) => {
      if (pushed.event === 'subscriptions:progressed') printStep(pushed.payload);
    });
    try {
      const record = await engine.subscriptions.create({
        accountId,
        endpointPath,
        event: event,
        url,
      });
      process.stdout.write(
        `subscribed ${record.remoteId} ${record.event} ${record.url} (record ${record.id})\n`,
      );
      return 0;
    } finally {
      stopSteps();
    }
  } finally {
    await engine.close();
  }
}

interface OwnEngineFlags {
  'receiver-port'?: string;
  config?: string;
}

/** This command's own engine: the endpoint answers the challenge; a tunnel makes it public. */
async function ownEngine(
  dataDir: string,
  flags: OwnEngineFlags,
  tunnelRequest: ReturnType<typeof tunnelRequestFromFlags>,
): Promise<Engine> {
  const engine = await startEngine(
    engineSettings({
      'data-dir': dataDir,
      'receiver-port': flags['receiver-port'] ?? '0',
      ...(flags.config ? { config: flags.config } : {}),
    }),
  );
  try {
    if (tunnelRequest) {
      const info = await startCliTunnel(engine, tunnelRequest);
      if (!info.publicUrl)
        throw new Error('the tunnel is not online, so the provider cannot reach the endpoint');
    } else {
      say(
        `no --tunnel: using the local receiver ${engine.receiver.url}, reachable from this machine only`,
      );
    }
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** --secret for a Preservica endpoint of the own engine: it becomes the secret answers use. */
function useSecret(engine: Engine, path: string, secret: string): void {
  const endpoints = engine.endpoints();
  const existing = endpoints.find((endpoint) => endpoint.path === path);
  const others = (existing?.secrets ?? []).filter((value) => value !== secret);
  const endpoint: EndpointConfig = {
    ...(existing ?? { path, provider: 'preservica' }),
    handshake: true,
    secrets: [secret, ...others],
  };
  engine.setEndpoints([...endpoints.filter((item) => item.path !== path), endpoint]);
}

async function keyclicSubscribe(
  engine: Engine | null,
  accountId: string,
  endpointPath: string,
  event: string,
  url: string,
  files: ReturnType<typeof subscriptionFiles>,
): Promise<number> {
  const record = engine
    ? await engine.subscriptions.create({ accountId, endpointPath, event, url })
    : await (async () => {
        const connection = files.accounts.connection(accountId);
        if (connection.provider !== 'keyclic')
          throw new Error(`account ${accountId} is not a Keyclic account`);
        const created = await createKeyclicClient(connection).create({ event, payloadUrl: url });
        if (!created.ok) throw new Error(created.error.message);
        return files.registry.add({
          provider: 'keyclic',
          accountId,
          remoteId: created.value.id,
          endpointPath,
          url,
          event,
        });
      })();
  process.stdout.write(
    `subscribed ${record.remoteId} ${record.event} ${record.url} (record ${record.id})\n`,
  );
  return 0;
}

function printSetup(setup: ManualSetup): void {
  const lines = [
    setup.title,
    ...setup.steps.map((step, index) => `  ${index + 1}. ${step}`),
    ...setup.copy.map((item) => `  ${item.label}: ${item.value}`),
    ...setup.notes.map((note) => `  note: ${note}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Kanboard and Phraseanet have no API: say where to paste the URL, then wait for the proof. */
async function manualSubscribe(
  provider: 'kanboard' | 'phraseanet',
  endpointPath: string,
  url: string | undefined,
  configured: EndpointConfig | undefined,
  waitMs: number,
  start: () => Promise<Engine>,
): Promise<number> {
  const setupFor = (publicUrl: string, engine: Engine | null): ManualSetup => {
    const endpoint = engine?.endpoints().find((item) => item.path === endpointPath) ?? configured;
    const tokenOption = endpoint?.options?.['token'];
    const token = typeof tokenOption === 'string' ? tokenOption : endpoint?.secrets?.[0];
    return provider === 'kanboard'
      ? kanboardSetup({ publicUrl, endpointPath, ...(token ? { token } : {}) })
      : phraseanetSetup({ publicUrl, endpointPath });
  };
  if (url !== undefined) {
    printSetup(setupFor(url, null));
    say('the running receiver shows the first delivery; this command does not wait with --url');
    return 0;
  }
  const engine = await start();
  try {
    printSetup(setupFor(engine.tunnel.publicUrl() ?? engine.receiver.url, engine));
    say(
      `waiting for the first delivery on ${endpointPath} (at most ${Math.round(waitMs / 1000)} s)…`,
    );
    const id = await engine.subscriptions.waitForFirstDelivery(endpointPath, waitMs);
    if (id === null)
      throw new Error(
        `no delivery reached ${endpointPath} within ${Math.round(waitMs / 1000)} s: check the URL pasted in ${provider}`,
      );
    process.stdout.write(`first delivery ${id}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}
