import { readFile } from 'node:fs/promises';
import { forgeEvent, parseSet } from '../engine/sender/forge';
import { sendExact } from '../engine/sender/send-exact';
import { overrideHeaders } from '../engine/sender/replay';
import { parseCommandArgs, UsageError } from './args';
import { printOutcome } from './send-output';
import {
  parseFraming,
  parseHeaderFlags,
  requireHttpUrl,
  requireKnownProvider,
} from './sender-args';

export const SEND_HELP = `Usage: hookscope send --provider P --event E --to URL [options]

Forges one event from the provider's template ({{uuid}}, {{now}}, {{now_unix}}, {{random}}
expanded), applies --set edits, signs it when --secret is given, and sends it.

Options:
  --provider P           e.g. kanboard, preservica, stripe, standard-webhooks
  --event E              the provider's event name (e.g. task.create)
  --to URL               where to send it
  --secret S             sign with this secret (as the provider would)
  --set POINTER=VALUE    edit the template: /event_data/task_id=42 (repeatable; VALUE is JSON when
                         it parses, else a string)
  --body FILE            send this file's bytes instead of the template (--set does not apply)
  --header 'Name: value' set a header (repeatable): replaces the forged header of that name, or
                         is added; applied after signing, so it can replace a signature header
  --framing F            chunked, length or as-captured (default: as the provider sends;
                         Preservica: chunked, in one chunk; others: Content-Length)
  --body-encoding E      utf-8 or latin-1, with --secret: which bytes of a non-ASCII body are
                         signed (Preservica: the UTF-8 bytes sent, the default, or the text
                         re-encoded as latin-1, which pyPreservica's receivers check)
  -v, --verbose          print the answer's body too
  -h, --help             show this help

Prints the answer's status and timing. Exit codes: 0 the target answered (any status), 1 it did
not (down, timeout), 2 usage error (unknown provider or event, bad --set).
`;

const SEND_OPTIONS = {
  provider: { type: 'string' },
  event: { type: 'string' },
  to: { type: 'string' },
  secret: { type: 'string' },
  set: { type: 'string', multiple: true },
  body: { type: 'string' },
  header: { type: 'string', multiple: true },
  framing: { type: 'string' },
  'body-encoding': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function sendCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, SEND_OPTIONS);
  if (values.help) {
    process.stdout.write(SEND_HELP);
    return 0;
  }
  const provider = requireKnownProvider(values.provider);
  if (!values.event) throw new UsageError('missing --event');
  const event = values.event;
  if (!provider.events.some((e) => e.name === event)) {
    throw new UsageError(
      `provider "${provider.id}" has no event "${event}"; known: ${provider.events.map((e) => e.name).join(', ')}`,
    );
  }
  const url = requireHttpUrl(values.to, 'to');
  if (values.body && values.set?.length) throw new UsageError('--set does not apply with --body');
  if (values.secret && !provider.sign)
    throw new UsageError(`provider "${provider.id}" does not sign requests`);
  for (const assignment of values.set ?? []) {
    try {
      parseSet(assignment);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const framing = parseFraming(values.framing);
  const headers = parseHeaderFlags(values.header);
  const bodyEncoding = values['body-encoding'];
  if (bodyEncoding !== undefined) {
    if (bodyEncoding !== 'utf-8' && bodyEncoding !== 'latin-1')
      throw new UsageError(`--body-encoding must be utf-8 or latin-1, got "${bodyEncoding}"`);
    if (!values.secret) throw new UsageError('--body-encoding only applies with --secret');
  }
  let body: Uint8Array | undefined;
  if (values.body) {
    try {
      body = await readFile(values.body);
    } catch (error) {
      throw new Error(
        `${values.body}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
  }
  let request;
  try {
    request = forgeEvent({
      provider,
      event,
      url,
      body,
      sets: values.set,
      secret: values.secret,
      ...(bodyEncoding === undefined ? {} : { signOptions: { bodyEncoding } }),
    });
  } catch (error) {
    // A --set that cannot apply (a pointer through a string, a bad array index), or a body the
    // chosen --body-encoding cannot sign.
    throw new UsageError((error as Error).message);
  }
  if (framing) request = { ...request, framing };
  if (headers.length > 0)
    request = { ...request, rawHeaders: overrideHeaders(request.rawHeaders, headers) };
  const outcome = await sendExact(request);
  return printOutcome(outcome, values.verbose ?? false);
}
