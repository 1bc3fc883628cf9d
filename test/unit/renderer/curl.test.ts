// The curl builder is checked by running its output through a real shell: `curl` is replaced by a
// function that prints each argument it receives (NUL-separated) and then its stdin, so the test
// sees exactly what curl would have been given.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCurl, type CurlRequest } from '../../../renderer/src/lib/curl';
import { shellQuote } from '../../../renderer/src/lib/shell-quote';
import { posixWord } from '../../../electron/contract/shell-quote';

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

describe('posixWord', () => {
  it.each([
    ['plain', 'abc'],
    ['quotes and expansions', `it's "$HOME" \`id\` $(id)`],
    ['tab and escape', 'a\tb\u001b[31m'],
    ['UTF-8', 'Jürgen ✓'],
    ['a leading dash', '-X'],
  ])('expands to the same bytes in POSIX sh: %s', (_name, text) => {
    const bytes = encoder.encode(text);
    const word = posixWord(bytes);
    expect(word).not.toContain('\u001b');
    const sh = spawnSync('sh', ['-c', `printf '%s' ${word}`]);
    expect([...sh.stdout]).toEqual([...bytes]);
  });
});

describe('buildCurl', () => {
  it('reproduces method, url, headers in order and a text body on stdin', () => {
    const body = `{"msg":"it's $HOME \`id\`"}`;
    const command = buildCurl(
      request({
        method: 'PUT',
        target: '/a/b?x=1&y=2',
        rawHeaders: [
          ['Content-Type', 'application/json'],
          ['X-Sig', "t=1,v1=abc'def"],
          ['X-Dup', 'one'],
          ['X-Dup', 'two'],
        ],
        body: encoder.encode(body),
      }),
    );
    const { args, stdin } = runPiped(command);
    expect(args).toEqual([
      '-q',
      '-X',
      'PUT',
      'http://127.0.0.1:8080/a/b?x=1&y=2',
      '-H',
      'Content-Type: application/json',
      '-H',
      "X-Sig: t=1,v1=abc'def",
      '-H',
      'X-Dup: one',
      '-H',
      'X-Dup: two',
      '-H',
      'User-Agent:',
      '-H',
      'Accept:',
      '-H',
      'Expect:',
      '--data-binary',
      '@-',
    ]);
    expect(stdin.toString('utf8')).toBe(body);
  });

  it('never lets a body become an argument: a leading @ or - stays data on stdin', () => {
    for (const text of ['@/etc/hostname', '--data-binary', '-\u0000x']) {
      const command = buildCurl(request({ body: encoder.encode(text) }));
      const { args, stdin } = runPiped(command);
      expect(args.at(-1)).toBe('@-');
      expect(args.filter((arg) => arg.startsWith('@'))).toEqual(['@-']);
      expect(stdin.toString('utf8')).toBe(text);
    }
  });

  it('drops Host and stale framing; keeps a matching Content-Length in place', () => {
    const stale = runPiped(
      buildCurl(
        request({
          rawHeaders: [
            ['Host', 'evil.example'],
            ['Content-Length', '999'],
            ['X-Keep', 'yes'],
          ],
          body: encoder.encode('x'),
        }),
      ),
    );
    expect(stale.args.filter((arg) => /^(Host|Content-Length|X-Keep)/.test(arg))).toEqual([
      'X-Keep: yes',
    ]);
    const matching = runPiped(
      buildCurl(
        request({
          rawHeaders: [
            ['content-length', '1'],
            ['X-Keep', 'yes'],
          ],
          body: encoder.encode('x'),
        }),
      ),
    );
    expect(matching.args.filter((arg) => /^(content-length|X-Keep)/.test(arg))).toEqual([
      'content-length: 1',
      'X-Keep: yes',
    ]);
  });

  it('removes only the defaults the original lacked', () => {
    const { args } = runInShell(
      buildCurl(request({ method: 'GET', rawHeaders: [['user-agent', 'GitHub-Hookshot/1']] })),
    );
    expect(args.filter((arg) => arg.endsWith(':'))).toEqual(['Accept:']);
    expect(args).toContain('user-agent: GitHub-Hookshot/1');
  });

  it('sends an empty header value with curl\'s "Name;" form', () => {
    const { args } = runInShell(
      buildCurl(request({ method: 'GET', rawHeaders: [['X-Empty', '']] })),
    );
    expect(args).toContain('X-Empty;');
  });

  it('uses no -X for GET and POST-with-body, --head for HEAD, exact case otherwise', () => {
    expect(runInShell(buildCurl(request({ method: 'GET' }))).args.slice(0, 2)).toEqual([
      '-q',
      'http://127.0.0.1:8080/hook',
    ]);
    expect(runInShell(buildCurl(request({ method: 'HEAD' }))).args.slice(0, 2)).toEqual([
      '-q',
      '--head',
    ]);
    expect(runPiped(buildCurl(request({ body: encoder.encode('a') }))).args[1]).toBe(
      'http://127.0.0.1:8080/hook',
    );
    expect(runInShell(buildCurl(request({ method: 'POST' }))).args.slice(1, 3)).toEqual([
      '-X',
      'POST',
    ]);
    expect(
      runPiped(buildCurl(request({ method: 'post', body: encoder.encode('a') }))).args.slice(1, 3),
    ).toEqual(['-X', 'post']);
  });

  it('sends a target curl would rewrite with --request-target, byte for byte', () => {
    const { args } = runInShell(
      buildCurl(request({ method: 'GET', target: '/a/../b?x[]=1&y={2}&q=two words' })),
    );
    expect(args).toEqual([
      '-q',
      '--request-target',
      '/a/../b?x[]=1&y={2}&q=two words',
      'http://127.0.0.1:8080/',
      '-H',
      'User-Agent:',
      '-H',
      'Accept:',
    ]);
  });

  it('escapes control characters in bodies so a paste cannot carry them raw', () => {
    const body = 'a\u001b[2Jb\ttab\nnl\u202e';
    const command = buildCurl(request({ body: encoder.encode(body) }));
    for (const raw of ['\u001b', '\t', '\u202e']) expect(command).not.toContain(raw);
    expect(runPiped(command).stdin.toString('utf8')).toBe(body);
  });

  it('pipes every byte value exactly, in POSIX sh too', () => {
    const body = new Uint8Array(256).map((_, i) => i);
    const command = buildCurl(
      request({ body, rawHeaders: [['Content-Type', 'application/octet-stream']] }),
    );
    expect(command.startsWith("printf '%b' ")).toBe(true);
    const { args, stdin } = runPiped(command);
    expect(args.at(-1)).toBe('@-');
    expect([...stdin]).toEqual([...body]);
    const sh = spawnSync('sh', ['-c', `${command.split(' | ')[0]}`]);
    expect([...sh.stdout]).toEqual([...body]);
  });

  it('writes a body over the threshold to a file first, or only references a provided file', () => {
    const body = new Uint8Array(70 * 1024).map((_, i) => (i * 7) % 256);
    const written = buildCurl(request({ body }), { bodyFile: 'big body.bin' });
    expect(written.startsWith("base64 -d > 'big body.bin' <<'HOOKSCOPE_BODY'\n")).toBe(true);
    expect(written).toContain("--data-binary @'big body.bin'");
    const referenced = buildCurl(request({ body }), { bodyFile: 'b.bin', bodyFileProvided: true });
    expect(referenced.startsWith('curl -q ')).toBe(true);
    expect(referenced).toContain('--data-binary @b.bin');
    expect(referenced.length).toBeLessThan(1000);
    // Infinity: always stdin (the CLI).
    expect(buildCurl(request({ body }), { fileThresholdBytes: Infinity })).toMatch(/^printf '%b' /);
  });
});
