// The curl builder is checked by running its output through a real shell: `curl` is replaced by a
// function that prints each argument it receives (NUL-separated) and then its stdin, so the test
// sees exactly what curl would have been given.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCurl, type CurlRequest } from '../../../renderer/src/lib/curl';
import { shellQuote } from '../../../renderer/src/lib/shell-quote';

const encoder = new TextEncoder();

const FAKE_CURL = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; printf '\\0STDIN\\0'; [ -t 0 ] || cat; }`;

interface ShellRun {
  args: string[];
  /** Arguments as the exact bytes curl would receive. */
  rawArgs: Buffer[];
  stdin: Buffer;
}

function run(script: string): ShellRun {
  const result = spawnSync('bash', ['-c', script], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`shell failed: ${result.stderr.toString()}`);
  const out = result.stdout;
  const marker = out.indexOf(Buffer.from('\0STDIN\0'));
  const rawArgs: Buffer[] = [];
  let start = 0;
  for (let end = out.indexOf(0, start); end !== -1 && end < marker; end = out.indexOf(0, start)) {
    rawArgs.push(out.subarray(start, end));
    start = end + 1;
  }
  return {
    rawArgs,
    args: rawArgs.map((arg) => arg.toString('utf8')),
    stdin: out.subarray(marker + 7),
  };
}

const runInShell = (command: string) => run(`${FAKE_CURL}\n${command} </dev/null`);
/** Piped commands read stdin from printf, so /dev/null must not replace it. */
const runPiped = (command: string) => run(`${FAKE_CURL}\n${command}`);

function request(overrides: Partial<CurlRequest>): CurlRequest {
  return {
    method: 'POST',
    baseUrl: 'http://127.0.0.1:8080',
    target: '/hook',
    rawHeaders: [],
    body: new Uint8Array(),
    ...overrides,
  };
}

function dataArgument(args: string[]): string | undefined {
  return args[args.indexOf('--data-binary') + 1];
}

describe('shellQuote', () => {
  it.each([
    ['plain', 'abc-1.2_3'],
    ['empty', ''],
    ['single quote', "it's"],
    ['double quotes and dollars', '"$HOME" `id` $(id) \\n'],
    ['newlines kept', 'line1\nline2\r\n'],
    ['control characters', 'bell\u0007 esc\u001b[31m del\u007f'],
    ['unicode', 'Jürgen ✓ 日本'],
    ['glob characters', '*.json [a] {b,c} ~user'],
  ])('survives a real shell unchanged: %s', (_name, text) => {
    expect(runInShell(`curl ${shellQuote(text)}`).args).toEqual([text]);
  });

  it('leaves plain words unquoted and never emits raw control bytes', () => {
    expect(shellQuote('abc')).toBe('abc');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('esc\u001b')).toBe("$'esc\\x1b'");
  });
});

describe('buildCurl', () => {
  it('reproduces method, url, headers in order and a text body', () => {
    const body = `{"msg":"it's $HOME \`id\`"}`;
    const command = buildCurl(
      request({
        method: 'PUT',
        target: '/a/b?x=1&y=two words',
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['X-Sig', "t=1,v1=abc'def"],
          ['X-Dup', 'one'],
          ['X-Dup', 'two'],
        ],
        body: encoder.encode(body),
      }),
    );
    const { args } = runInShell(command);
    expect(args).toEqual([
      '-X',
      'PUT',
      'http://127.0.0.1:8080/a/b?x=1&y=two words',
      '-H',
      'Content-Type: application/json',
      '-H',
      "X-Sig: t=1,v1=abc'def",
      '-H',
      'X-Dup: one',
      '-H',
      'X-Dup: two',
      '--data-binary',
      body,
    ]);
  });

  it('drops headers curl must compute (Host, Content-Length, Transfer-Encoding, Connection)', () => {
    const { args } = runInShell(
      buildCurl(
        request({
          rawHeaders: [
            ['Host', 'evil.example'],
            ['Content-Length', '999'],
            ['transfer-encoding', 'chunked'],
            ['Connection', 'close'],
            ['X-Keep', 'yes'],
          ],
          body: encoder.encode('x'),
        }),
      ),
    );
    expect(args.filter((arg) => arg.includes(':') && !arg.startsWith('http'))).toEqual([
      'X-Keep: yes',
    ]);
  });

  it('sends an empty header value with curl\'s "Name;" form', () => {
    const { args } = runInShell(
      buildCurl(request({ method: 'GET', rawHeaders: [['X-Empty', '']] })),
    );
    expect(args).toContain('X-Empty;');
  });

  it('uses no -X for GET and POST-with-body, --head for HEAD', () => {
    expect(runInShell(buildCurl(request({ method: 'GET' }))).args).toEqual([
      'http://127.0.0.1:8080/hook',
    ]);
    expect(runInShell(buildCurl(request({ method: 'HEAD' }))).args).toEqual([
      '--head',
      'http://127.0.0.1:8080/hook',
    ]);
    expect(runInShell(buildCurl(request({ body: encoder.encode('a') }))).args[0]).toBe(
      'http://127.0.0.1:8080/hook',
    );
    expect(runInShell(buildCurl(request({ method: 'POST' }))).args.slice(0, 2)).toEqual([
      '-X',
      'POST',
    ]);
  });

  it('keeps dot segments and bracket characters in the target literal', () => {
    const { args } = runInShell(
      buildCurl(request({ method: 'GET', target: '/a/../b?x[]=1&y={2}' })),
    );
    expect(args).toEqual(['--path-as-is', '--globoff', 'http://127.0.0.1:8080/a/../b?x[]=1&y={2}']);
  });

  it('escapes control characters in text bodies so a paste cannot carry them raw', () => {
    const body = 'a\u001b[2Jb\ttab\nnl';
    const command = buildCurl(request({ body: encoder.encode(body) }));
    expect(command).not.toContain('\u001b');
    expect(dataArgument(runInShell(command).args)).toBe(body);
  });

  it("passes non-UTF-8 bytes exactly with $'\\xHH' escapes", () => {
    const body = new Uint8Array([0xff, 0xfe, 0x41, 0x27, 0x5c, 0x80, 0x0a]);
    const command = buildCurl(request({ body }));
    expect(command).toMatch(/--data-binary \$'/);
    const { rawArgs } = runInShell(command);
    const data = rawArgs[rawArgs.findIndex((arg) => arg.toString() === '--data-binary') + 1];
    expect([...(data ?? [])]).toEqual([...body]);
  });

  it('pipes bodies holding NUL bytes through printf, byte for byte (POSIX sh too)', () => {
    const body = new Uint8Array(256).map((_, i) => i);
    const command = buildCurl(
      request({ body, rawHeaders: [['Content-Type', 'application/octet-stream']] }),
    );
    expect(command.startsWith('printf ')).toBe(true);
    const { args, stdin } = runPiped(command);
    expect(dataArgument(args)).toBe('@-');
    expect([...stdin]).toEqual([...body]);
    const sh = spawnSync('sh', ['-c', `${command.split(' | ')[0]}`]);
    expect([...sh.stdout]).toEqual([...body]);
  });

  it('treats percent and backslash literally in printf-piped bodies', () => {
    const body = encoder.encode('\u0000%s %d \\n \\\\ done');
    const { stdin } = runPiped(buildCurl(request({ body })));
    expect(stdin.toString('utf8')).toBe('\u0000%s %d \\n \\\\ done');
  });
});
