// "Copy as curl", end to end: the generated command runs in a real POSIX shell with the real curl
// against a loopback node:net server that keeps the raw request bytes. For each hostile delivery of
// the corpus, the request curl sent must carry the same method, target, header lines (order and
// case) and body bytes as the original. Host is the only header that may differ: the command
// targets this server, so curl writes its own (the first line, as senders do).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCurl, type CurlOptions, type CurlRequest } from '../../../electron/contract/curl';

interface RawRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer;
}

/** Decodes a chunked body (sizes in hex, extensions ignored, no trailers expected from curl). */
function dechunk(data: Buffer): { body: Buffer; complete: boolean } {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return { body: Buffer.alloc(0), complete: false };
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return { body: Buffer.concat(parts), complete: data.length >= lineEnd + 4 };
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return { body: Buffer.alloc(0), complete: false };
    parts.push(data.subarray(start, start + size));
    offset = start + size + 2;
  }
}

/** Parses one request once it is complete; null while more bytes are needed. */
function parseRequest(data: Buffer): RawRequest | null {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [requestLine = '', ...lines] = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  // METHOD SP target SP HTTP/1.1: the target is everything between (it may hold spaces here).
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  const find = (name: string) => headers.find(([key]) => key.toLowerCase() === name)?.[1];
  const rest = data.subarray(headEnd + 4);
  let body: Buffer;
  if (find('transfer-encoding')?.toLowerCase() === 'chunked') {
    const decoded = dechunk(rest);
    if (!decoded.complete) return null;
    body = decoded.body;
  } else {
    const length = Number(find('content-length') ?? 0);
    if (rest.length < length) return null;
    body = rest.subarray(0, length);
  }
  return { method, target, headers, body };
}

/** Records each connection's first request, answers 200 (and 100 Continue when asked). */
class CaptureServer {
  readonly requests: RawRequest[] = [];
  private server: Server = createServer((socket) => this.handle(socket));

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(socket: Socket): void {
    let data = Buffer.alloc(0);
    let continued = false;
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const headEnd = data.indexOf('\r\n\r\n');
      if (
        headEnd >= 0 &&
        !continued &&
        /\r\nexpect:\s*100-continue/i.test(data.subarray(0, headEnd).toString('latin1'))
      ) {
        continued = true;
        socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      }
      const request = parseRequest(data);
      if (request === null) return;
      this.requests.push({
        method: request.method,
        target: request.target,
        headers: request.headers,
        body: request.body,
      });
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
  }
}

/** Runs a script file (no argv size limit) with `sh` (dash on Debian: POSIX only). */
function runSh(
  shell: string,
  script: string,
  cwd: string,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: cwd };
    const child = spawn(shell, [script], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const latin1 = (bytes: Buffer) => bytes.toString('latin1');
const withLength = (body: Uint8Array, headers: [string, string][] = []): [string, string][] => [
  ...headers,
  ['Content-Length', String(body.length)],
];

const multipart = Buffer.concat([
  Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'),
  Buffer.from([0, 1, 2, 0xff, 0, 0x27, 0x5c, 0x25]),
  Buffer.from('\r\n--XyZ--\r\n'),
]);
const allBytes = new Uint8Array(256).map((_, index) => index);
const big = new Uint8Array(randomBytes(200 * 1024));
const twoMiB = new Uint8Array(randomBytes(2 * 1024 * 1024));

interface Case {
  name: string;
  request: Omit<CurlRequest, 'baseUrl'>;
  options?: CurlOptions;
}

const CORPUS: Case[] = [
  {
    name: 'JSON with quotes, $(...), backticks and $HOME',
    request: {
      method: 'POST',
      target: '/hook',
      rawHeaders: withLength(utf8(`{"a":"it's \`id\` $(id) $HOME \\"q\\""}`), [
        ['Content-Type', 'application/json'],
      ]),
      body: utf8(`{"a":"it's \`id\` $(id) $HOME \\"q\\""}`),
    },
  },
  {
    name: 'body starting with @ (never a file name)',
    request: {
      method: 'POST',
      target: '/at',
      rawHeaders: withLength(utf8('@/etc/hostname')),
      body: utf8('@/etc/hostname'),
    },
  },
  {
    name: 'body starting with - and holding NUL (a multipart body)',
    request: {
      method: 'POST',
      target: '/upload',
      rawHeaders: withLength(multipart, [['Content-Type', 'multipart/form-data; boundary=XyZ']]),
      body: new Uint8Array(multipart),
    },
  },
  {
    name: 'body that is a curl option',
    request: {
      method: 'PUT',
      target: '/opt',
      rawHeaders: withLength(utf8('--data-binary')),
      body: utf8('--data-binary'),
    },
  },
  {
    name: 'every byte value 0..255',
    request: {
      method: 'POST',
      target: '/bytes',
      rawHeaders: withLength(allBytes, [['Content-Type', 'application/octet-stream']]),
      body: allBytes,
    },
  },
  {
    name: 'unicode text and bidi controls',
    request: {
      method: 'POST',
      target: '/u',
      rawHeaders: withLength(utf8('Jürgen ✓ 日本 🎉 \u202e evil \u200b')),
      body: utf8('Jürgen ✓ 日本 🎉 \u202e evil \u200b'),
    },
  },
  {
    name: 'CRLF, percent and backslash sequences in the body',
    request: {
      method: 'POST',
      target: '/crlf',
      rawHeaders: withLength(utf8('a\r\nb\r\n%s %d %b \\n \\0101 \\c end\n')),
      body: utf8('a\r\nb\r\n%s %d %b \\n \\0101 \\c end\n'),
    },
  },
  {
    name: 'empty POST with Content-Length: 0',
    request: {
      method: 'POST',
      target: '/empty',
      rawHeaders: [['Content-Length', '0']],
      body: new Uint8Array(),
    },
  },
  {
    name: 'bare GET: no User-Agent, no Accept',
    request: { method: 'GET', target: '/bare', rawHeaders: [], body: new Uint8Array() },
  },
  {
    name: 'header values with quotes, $(...), backticks and semicolons; order, case, duplicates',
    request: {
      method: 'GET',
      target: '/h',
      rawHeaders: [
        ['x-lower', 'a'],
        ['X-Sig', `t=1,v1="abc'def" $(id) \`id\`; rm -rf /`],
        ['ACCEPT', '*/*'],
        ['X-Dup', 'one'],
        ['user-agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
        ['X-Dup', 'two'],
        ['X-Empty', ''],
        ['X-Tab', 'a\tb'],
      ],
      body: new Uint8Array(),
    },
  },
  {
    name: 'header bytes outside ASCII (UTF-8 and Latin-1)',
    request: {
      method: 'GET',
      target: '/latin',
      rawHeaders: [
        ['X-Utf8', latin1(Buffer.from('Jürgen ✓', 'utf8'))],
        ['X-Latin1', latin1(Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]))],
      ],
      body: new Uint8Array(),
    },
  },
  {
    name: 'raw target: spaces, dot segments, globs, quotes, non-ASCII',
    request: {
      method: 'GET',
      target: latin1(Buffer.from("/a/../b/./c?x[]=1&y={2,3}&q=two words&s='$(id)'&u=ü", 'utf8')),
      rawHeaders: [],
      body: new Uint8Array(),
    },
  },
  {
    name: 'custom and lower-case methods',
    request: {
      method: 'post',
      target: '/m',
      rawHeaders: withLength(utf8('x')),
      body: utf8('x'),
    },
  },
  {
    name: 'chunked upload',
    request: {
      method: 'POST',
      target: '/chunked',
      rawHeaders: [
        ['Content-Type', 'text/plain'],
        ['Transfer-Encoding', 'chunked'],
        ['X-After', '1'],
      ],
      body: utf8('chunk\0y data'),
    },
  },
  {
    name: 'Content-Length in the middle, Expect: 100-continue kept',
    request: {
      method: 'POST',
      target: '/expect',
      rawHeaders: [
        ['Content-Length', '5'],
        ['Expect', '100-continue'],
        ['X-Last', 'z'],
      ],
      body: utf8('hello'),
    },
  },
  {
    name: '2 MiB binary on stdin, no Expect added',
    request: {
      method: 'POST',
      target: '/large',
      rawHeaders: withLength(twoMiB, [['Content-Type', 'application/octet-stream']]),
      body: twoMiB,
    },
    options: { fileThresholdBytes: Infinity },
  },
  {
    name: '200 KiB binary written to a body file by the command',
    request: {
      method: 'POST',
      target: '/file',
      rawHeaders: withLength(big),
      body: big,
    },
  },
];

describe('copy as curl against a raw loopback server (real sh + real curl)', () => {
  const server = new CaptureServer();
  let baseUrl = '';
  let dir = '';
  beforeAll(async () => {
    baseUrl = `http://127.0.0.1:${await server.listen()}`;
    dir = await mkdtemp(join(tmpdir(), 'hookscope-curl-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  let exact = 0;
  it.each(CORPUS.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const command = buildCurl({ ...entry.request, baseUrl }, entry.options);
    const script = join(dir, `case-${CORPUS.indexOf(entry)}.sh`);
    await writeFile(script, `${command}\n`);
    const before = server.requests.length;
    const result = await runSh('sh', script, dir);
    // curl's progress meter goes to stderr (stdout is not a terminal): shown only on failure.
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.length).toBe(before + 1);
    const got = server.requests[before]!;
    expect(got.method).toBe(entry.request.method);
    expect(got.target).toBe(entry.request.target);
    expect(got.headers[0]?.[0]).toBe('Host');
    expect(got.headers.slice(1)).toEqual(
      entry.request.rawHeaders.filter(([name]) => name.toLowerCase() !== 'host'),
    );
    expect(Buffer.compare(got.body, Buffer.from(entry.request.body))).toBe(0);
    exact += 1;
  });

  it('the same command runs unchanged in bash', async () => {
    const entry = CORPUS[2]!;
    const script = join(dir, 'bash.sh');
    await writeFile(script, `${buildCurl({ ...entry.request, baseUrl })}\n`);
    const before = server.requests.length;
    expect((await runSh('bash', script, dir)).code).toBe(0);
    expect(Buffer.compare(server.requests[before]!.body, multipart)).toBe(0);
  });

  it('the corpus result is N of N byte-exact', () => {
    // Printed for the note; the assertion is that no case above failed.
    console.log(`copy as curl: ${exact} of ${CORPUS.length} byte-exact`);
    expect(exact).toBe(CORPUS.length);
  });
});
