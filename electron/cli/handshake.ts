import { findHandshakePlay, handshakePlays } from '../engine/sender/handshake-plays';
import { playHandshake } from '../engine/sender/handshake-player';
import { parseCommandArgs, UsageError } from './args';
import { describeOutcome } from './send-output';
import { requireHttpUrl } from './sender-args';

export const HANDSHAKE_HELP = `Usage: hookscope handshake --provider P --to URL [--secret S]

Acts as the provider subscribing: sends its handshake (Preservica challengeCode, Twitter CRC,
Zoom url_validation, Slack url_verification, Meta hub.challenge, ...) to URL and judges the answer
as the provider would. Redirects are not followed (providers do not follow them). The expected
value comes from the same function Hookscope's own receiver answers with (providers/<id>/handshake.ts).
The answer is read from the raw bytes and leniently, as providers do: a malformed header line or a
wrong Content-Type does not hide the verdict, and is named ("header line 3 is not a valid HTTP
header: \`application/json: text/plain\`").

Options:
  --provider P           ${handshakePlays.map((play) => play.provider).join(', ')}
  --to URL               the receiver to test
  --secret S             the shared secret / verify token (required by most providers)
  -h, --help             show this help

Exit codes: 0 pass, 1 fail (the reason is printed), 2 usage error.
`;

const HANDSHAKE_OPTIONS = {
  provider: { type: 'string' },
  to: { type: 'string' },
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function handshakeCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, HANDSHAKE_OPTIONS);
  if (values.help) {
    process.stdout.write(HANDSHAKE_HELP);
    return 0;
  }
  if (!values.provider) throw new UsageError('missing --provider');
  const play = findHandshakePlay(values.provider);
  if (!play) {
    throw new UsageError(
      `no handshake to play for provider "${values.provider}"; known: ${handshakePlays.map((p) => p.provider).join(', ')}`,
    );
  }
  const url = requireHttpUrl(values.to, 'to');
  if (play.needsSecret && !values.secret) {
    throw new UsageError(`the ${play.provider} handshake needs --secret`);
  }
  const report = await playHandshake(play.provider, url, values.secret ?? '');
  const outcome = report.answer
    ? { ok: true as const, answer: report.answer }
    : {
        ok: false as const,
        code: 'other' as const,
        message: report.reason,
        timing: { totalMs: report.totalMs },
      };
  process.stdout.write(`${describeOutcome(outcome)}\n`);
  process.stdout.write(`${report.pass ? 'PASS' : 'FAIL'}: ${report.reason}\n`);
  return report.pass ? 0 : 1;
}
