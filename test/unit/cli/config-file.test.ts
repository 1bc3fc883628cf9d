import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../electron/engine/config-file';

describe('parseConfig', () => {
  it('accepts the documented shape and the providers keys', () => {
    const config = parseConfig({
      endpoints: [
        { path: '/kanboard', response: { status: 200, headers: {}, body: '', delayMs: 0 } },
        {
          path: '/preservica',
          provider: 'preservica',
          secrets: ['s3cret'],
          handshake: true,
          options: { anything: [1, 2] },
        },
      ],
    });
    expect(config.endpoints.map((endpoint) => endpoint.path)).toEqual(['/kanboard', '/preservica']);
    expect(config.endpoints[1]?.secrets).toEqual(['s3cret']);
  });

  it('treats a missing endpoints list as none', () => {
    expect(parseConfig({})).toEqual({ endpoints: [] });
  });

  it('names the bad field', () => {
    expect(() =>
      parseConfig(
        { endpoints: [{ path: '/a' }, { path: '/b', response: { status: 99 } }] },
        'hooks.json',
      ),
    ).toThrow(/^hooks\.json: endpoints\[1\]\.response\.status: /);
    expect(() => parseConfig({ endpoints: [{ path: 'no-slash' }] })).toThrow(
      'config: endpoints[0].path: must start with "/"',
    );
    expect(() => parseConfig({ endpoints: [{ path: '/a', response: { body: 5 } }] })).toThrow(
      /endpoints\[0\]\.response\.body: /,
    );
  });

  it('rejects typos instead of ignoring them', () => {
    expect(() => parseConfig({ endpoints: [{ path: '/a', respnse: {} }] })).toThrow(
      'config: endpoints[0].respnse: unknown key',
    );
    expect(() => parseConfig({ endpoint: [] })).toThrow('config: endpoint: unknown key');
  });

  it('names an unknown top-level key itself, not the first endpoint', () => {
    expect(() =>
      parseConfig({ endpoints: [{ path: '/a' }, { path: '/b' }], extra: 1 }, 'hooks.json'),
    ).toThrow(/^hooks\.json: extra: unknown key$/);
  });

  it.each([
    [
      'a name with CR/LF',
      { 'X\r\nY': 'v' },
      'endpoints[1].response.headers["X\\r\\nY"]: not a valid header name',
    ],
    [
      'a name with a space',
      { 'X Y': 'v' },
      'endpoints[1].response.headers["X Y"]: not a valid header name',
    ],
    [
      'a name with a colon',
      { 'X:': 'v' },
      'endpoints[1].response.headers["X:"]: not a valid header name',
    ],
    ['an empty name', { '': 'v' }, 'endpoints[1].response.headers[""]: empty header name'],
    [
      'a value with CR',
      { 'X-A': 'a\rb' },
      'endpoints[1].response.headers.X-A: header value contains CR',
    ],
    [
      'a value with LF',
      { 'X-A': 'a\nSet-Cookie: x=1' },
      'endpoints[1].response.headers.X-A: header value contains LF',
    ],
    [
      'a value with NUL',
      { 'X-A': 'a\u0000' },
      'endpoints[1].response.headers.X-A: header value contains NUL',
    ],
    [
      'a value with ESC',
      { 'X-A': '\u001b[2J' },
      'endpoints[1].response.headers.X-A: header value contains U+001B',
    ],
    [
      'a value beyond Latin-1',
      { 'X-A': 'ok ✓' },
      'endpoints[1].response.headers.X-A: header value contains U+2713',
    ],
  ])('refuses a response header with %s, naming its exact path', (_name, headers, message) => {
    expect(() =>
      parseConfig(
        { endpoints: [{ path: '/a' }, { path: '/b', response: { headers } }] },
        'hooks.json',
      ),
    ).toThrow(`hooks.json: ${message}`);
  });

  it('accepts token names and values with tabs, spaces and Latin-1 bytes', () => {
    const config = parseConfig({
      endpoints: [
        { path: '/a', response: { headers: { "X-Ok_1!#$%&'*+.^`|~": 'a\tb c ü', Empty: '' } } },
      ],
    });
    expect(Object.keys(config.endpoints[0]?.response?.headers ?? {})).toHaveLength(2);
  });

  it('rejects two endpoints with the same path', () => {
    expect(() => parseConfig({ endpoints: [{ path: '/a' }, { path: '/a' }] })).toThrow(
      'config: endpoints[1].path: duplicate path "/a"',
    );
  });
});

describe('loadConfigFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hookscope-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(
      file,
      JSON.stringify({ endpoints: [{ path: '/x', response: { status: 202 } }] }),
    );
    expect((await loadConfigFile(file)).endpoints).toEqual([
      { path: '/x', response: { status: 202 } },
    ]);
  });

  it('says when the file is missing or not JSON', async () => {
    await expect(loadConfigFile(join(dir, 'missing.json'))).rejects.toThrow(
      /config file not found/,
    );
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"endpoints": [');
    await expect(loadConfigFile(bad)).rejects.toThrow(ConfigError);
    await expect(loadConfigFile(bad)).rejects.toThrow(/bad\.json: not valid JSON/);
  });
});
