import type { Engine, EndpointConfig } from '../engine';
import { loadConfigFile } from '../engine';
import {
  apiSubscribers,
  findApiSubscriber,
  manualSubscribers,
  requireManualSubscriber,
  webhookUrl,
  type ApiSubscriber,
  type ManualSetup,
  type ProviderConnection,
  type SubscribeStep,
} from '../engine/subscriptions';
import {
  parseChoice,
  parseCommandArgs,
  parseInteger,
  UsageError,
  type ParsedCommand,
} from './args';
import { engineSettings, startEngine } from './start-engine';
import {
  connectionHelp,
  connectionOptions,
  resolveConnection,
  subscriptionFiles,
} from './subscriptions/provider-connection';
import { startCliTunnel } from './tunnel/start-cli-tunnel';
import { TUNNEL_HELP, TUNNEL_OPTIONS, tunnelRequestFromFlags } from './tunnel/tunnel-flags';
import { dataDirFrom } from './open-existing-store';

/** One help line per provider that can be subscribed, from its subscription capability. */
function providerHelp(): string {
  const api = apiSubscribers().map(({ provider, api: capability }) => {
    const events = capability.eventSuggestions.join('|');
    const challenge = capability.endpoint.handshake
      ? `\n              ${provider.name} challenges the URL during the call, so a receiver with the endpoint\n              (${provider.name} provider, handshakes on, the same secret) must answer.`
      : '';
    return `  ${provider.id.padEnd(11)} --${capability.eventFlag} ${events}${challenge}`;
  });
  const manual = manualSubscribers().map(({ provider }) => provider.id);
  return [
    ...api,
    `  ${manual.join(', ')}  (no API) print where to paste the URL, then wait for the first delivery`,
  ].join('\n');
}

export function subscribeHelp(): string {
  return `Usage: hookscope subscribe --provider P --endpoint PATH [options]

Registers Hookscope's public URL + PATH with a provider, and records the subscription so it can be
re-pointed when the public URL changes.
${providerHelp()}

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
  --trigger T / --event E   what to subscribe to (the provider's line above says which)
  --secret S                shared secret of a provider that challenges the URL (default: the
                            endpoint's, else a new one)
  --url URL                 public base URL of a running receiver (see above)
  --config FILE             endpoints file (as for serve)
  --receiver-port N         own engine's receiver port (default 0: any free port)
  --wait-ms N               set up by hand: how long to wait for the first delivery (600000)
${connectionHelp()}
${TUNNEL_HELP}Prints step lines on stderr and the result on stdout; exit 1 with the reason on failure.
`;
}

const SUBSCRIBE_OPTIONS = {
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

const URL_PATTERN = /^https?:\/\/[^\s/]+(\/\S*)?$/;

const say = (line: string) => process.stderr.write(`hookscope: ${line}\n`);
const printStep = ({ step, detail }: SubscribeStep) => say(`${step}: ${detail}`);

export async function subscribeCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { ...connectionOptions(), ...SUBSCRIBE_OPTIONS });
  // The account-field flags come from the providers at run time; the rest are typed statically.
  const values = parsed.values as ParsedCommand<typeof SUBSCRIBE_OPTIONS>['values'] &
    Readonly<Record<string, string | boolean | undefined>>;
  if (values.help) {
    process.stdout.write(subscribeHelp());
    return 0;
  }
  const providerIds = [
    ...apiSubscribers().map(({ provider }) => provider.id),
    ...manualSubscribers().map(({ provider }) => provider.id),
  ];
  const providerId = parseChoice(values['provider'] as string | undefined, 'provider', providerIds);
  if (!providerId) throw new UsageError(`--provider is required (${providerIds.join(', ')})`);
  const endpointPath = values.endpoint;
  if (!endpointPath?.startsWith('/'))
    throw new UsageError('--endpoint PATH is required and must start with "/"');
  const subscriber = findApiSubscriber(providerId);
  const eventFlag = subscriber?.api.eventFlag;
  const eventValue = eventFlag ? values[eventFlag] : undefined;
  const event = typeof eventValue === 'string' ? eventValue : undefined;
  if (subscriber && !event) {
    throw new UsageError(`--${eventFlag ?? 'event'} is required for ${providerId}`);
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
  const dataDir = dataDirFrom(values['data-dir'] as string | undefined);
  const configured = values.config ? (await loadConfigFile(values.config)).endpoints : [];
  const configuredEndpoint = configured.find((endpoint) => endpoint.path === endpointPath);

  if (!subscriber) {
    return manualSubscribe(providerId, endpointPath, values.url, configuredEndpoint, waitMs, () =>
      ownEngine(dataDir, values, tunnelRequest),
    );
  }
  const files = subscriptionFiles(dataDir);
  const { connection, accountId } = resolveConnection(subscriber, values, files.accounts);
  // Re-pointing later needs the credentials: the account is saved (password in the vault), and
  // forgotten again when the subscription failed and the account was new.
  const known = files.accounts.get(accountId) !== null;
  files.accounts.save(connection, accountId);
  try {
    return await apiSubscribe(
      subscriber,
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
  subscriber: ApiSubscriber,
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
  const { provider, api } = subscriber;
  const printed = (record: { remoteId: string; event: string; url: string; id: string }) =>
    process.stdout.write(
      `subscribed ${record.remoteId} ${record.event} ${record.url} (record ${record.id})\n`,
    );
  if (values.url !== undefined) {
    const url = webhookUrl(values.url, endpointPath);
    const secret = api.endpoint.handshake
      ? (values.secret ?? configuredEndpoint?.secrets?.[0])
      : undefined;
    if (api.endpoint.handshake && !secret) {
      throw new UsageError(
        `--url needs --secret (or --config with the endpoint's secret): ${provider.name} signs its challenge with it and the running receiver must answer with the same one`,
      );
    }
    const outcome = await api
      .connect(connection)
      .subscribe({ url, event, ...(secret ? { secret } : {}) }, { onStep: printStep });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const record = files.registry.add(
      {
        provider: provider.id,
        accountId,
        remoteId: outcome.value.id,
        endpointPath,
        url,
        event: api.apiEvent(event),
      },
      secret,
    );
    printed(record);
    return 0;
  }

  const engine = await ownEngine(dataDir, values, tunnelRequest);
  try {
    if (api.endpoint.handshake && values.secret)
      useSecret(engine, endpointPath, values.secret, provider.id);
    const publicUrl = engine.tunnel.publicUrl() ?? engine.receiver.url;
    const url = webhookUrl(publicUrl, endpointPath);
    const stopSteps = engine.events.on((pushed) => {
      if (pushed.event === 'subscriptions:progressed') printStep(pushed.payload);
    });
    try {
      printed(await engine.subscriptions.create({ accountId, endpointPath, event, url }));
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

/** --secret for a challenged endpoint of the own engine: it becomes the secret answers use. */
function useSecret(engine: Engine, path: string, secret: string, provider: string): void {
  const endpoints = engine.endpoints();
  const existing = endpoints.find((endpoint) => endpoint.path === path);
  const others = (existing?.secrets ?? []).filter((value) => value !== secret);
  const endpoint: EndpointConfig = {
    ...(existing ?? { path, provider }),
    handshake: true,
    secrets: [secret, ...others],
  };
  engine.setEndpoints([...endpoints.filter((item) => item.path !== path), endpoint]);
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

/** A provider with no API (Kanboard, Phraseanet): say where to paste the URL, then wait for the proof. */
async function manualSubscribe(
  provider: string,
  endpointPath: string,
  url: string | undefined,
  configured: EndpointConfig | undefined,
  waitMs: number,
  start: () => Promise<Engine>,
): Promise<number> {
  const setupFor = (publicUrl: string, engine: Engine | null): ManualSetup => {
    const endpoint = engine?.endpoints().find((item) => item.path === endpointPath) ?? configured;
    return requireManualSubscriber(provider).manual.setup({
      publicUrl,
      endpointPath,
      ...(endpoint ? { endpoint } : {}),
    });
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
