// Saved scenarios are meant to be shared: what they keep and what they lose (issue 13 item 7).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isSecretQueryKey,
  openScenariosStore,
  withoutSecrets,
  withoutUrlSecrets,
} from '../../../electron/engine/sender/scenarios-store';

describe('credential-like query keys', () => {
  it.each([
    ['token', true],
    ['key', true],
    ['api_key', true],
    ['apikey', true],
    ['api-key', true],
    ['secret', true],
    ['client_secret', true],
    ['signature', true],
    ['X-Amz-Signature', true],
    ['sig', true],
    ['access_token', true],
    ['hub.verify_token', true],
    ['password', true],
    ['passwd', true],
    ['pwd', true],
    ['auth', true],
    ['code', true],
    ['%74oken', true],
    ['TOKEN', true],
    ['page', false],
    ['event', false],
    ['keyword', false],
    ['monkey_count', false],
    ['id', false],
  ])('%s -> secret: %s', (key, secret) => {
    expect(isSecretQueryKey(key)).toBe(secret);
  });
});

describe('scenario URLs', () => {
  it.each([
    ['https://user:p%40ss@hooks.example/a', 'https://hooks.example/a'],
    ['http://token@127.0.0.1:8080/x?y=1', 'http://127.0.0.1:8080/x?y=1'],
    [
      'https://h.example/hook?token=abc&page=2&api_key=k&sig=zz#frag',
      'https://h.example/hook?token=&page=2&api_key=&sig=#frag',
    ],
    ['https://h.example/p?flag&secret=&x=%2F', 'https://h.example/p?flag&secret=&x=%2F'],
    ['https://h.example/a@b/c?q=1', 'https://h.example/a@b/c?q=1'],
    ['https://h.example', 'https://h.example'],
  ])('%s -> %s', (url, clean) => {
    expect(withoutUrlSecrets(url)).toBe(clean);
  });
});

describe('withoutSecrets', () => {
  it('drops credential headers, Proxy-Authorization included, and scrubs the URL', () => {
    const clean = withoutSecrets({
      name: 'n',
      provider: 'github',
      event: 'push',
      url: 'https://me:pw@h.example/hook?access_token=t&x=1',
      rawHeaders: [
        ['Proxy-Authorization', 'Basic dTpw'],
        ['Authorization', 'Bearer t'],
        ['X-Api-Key', 'k'],
        ['X-GitHub-Event', 'push'],
      ],
    });
    expect(clean.url).toBe('https://h.example/hook?access_token=&x=1');
    expect(clean.rawHeaders).toEqual([['X-GitHub-Event', 'push']]);
  });

  it('writes scenarios.json owner-only, without the secrets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookscope-scenarios-'));
    try {
      const store = openScenariosStore(dir);
      store.save({
        name: 's',
        provider: 'github',
        event: 'push',
        url: 'https://u:pw@h.example/?token=SECRETVALUE',
        rawHeaders: [['Proxy-Authorization', 'Basic SECRETVALUE']],
      });
      const file = join(dir, 'scenarios.json');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).not.toMatch(/SECRETVALUE|u:pw/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
