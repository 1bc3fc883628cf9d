import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/args';
import { tunnelRequestFromFlags } from '../../../electron/cli/tunnel/tunnel-flags';

describe('serve tunnel flags', () => {
  it('no tunnel flags: no tunnel', () => {
    expect(tunnelRequestFromFlags({})).toBeNull();
    expect(tunnelRequestFromFlags({ tunnel: 'none' })).toBeNull();
  });

  it('builds SSH settings; remote port 0 lets the server choose', () => {
    expect(
      tunnelRequestFromFlags({
        tunnel: 'ssh',
        'ssh-target': 'me@example.org:2222',
        'ssh-key': '/k',
        'ssh-remote-port': '0',
        'tunnel-timeout': '1500',
        'tunnel-required': true,
      }),
    ).toEqual({
      settings: {
        provider: 'ssh',
        target: 'me@example.org:2222',
        remotePort: 0,
        keyFile: '/k',
        connectTimeoutMs: 1500,
      },
      required: true,
      connectTimeoutMs: 1500,
    });
  });

  it('builds ngrok settings with a reserved domain and the default timeout', () => {
    expect(
      tunnelRequestFromFlags({
        tunnel: 'ngrok',
        'ngrok-domain': 'h.ngrok.app',
        'public-url': 'https://x.test',
      }),
    ).toEqual({
      settings: { provider: 'ngrok', domain: 'h.ngrok.app', publicUrl: 'https://x.test' },
      required: false,
      connectTimeoutMs: 20_000,
    });
  });

  it('a public URL alone is an override shown without a tunnel', () => {
    expect(tunnelRequestFromFlags({ 'public-url': 'https://hooks.example.com' })?.settings).toEqual(
      {
        provider: 'none',
        publicUrl: 'https://hooks.example.com',
      },
    );
  });

  it.each([
    [{ tunnel: 'frp' }, '--tunnel must be one of none, ngrok, ssh'],
    [{ 'ssh-target': 'a@b' }, '--ssh-target needs --tunnel ssh'],
    [{ tunnel: 'ssh', 'ngrok-domain': 'x' }, '--ngrok-domain needs --tunnel ngrok'],
    [{ tunnel: 'ssh', 'ssh-key': '/k' }, '--tunnel ssh needs --ssh-target'],
    [{ tunnel: 'ssh', 'ssh-target': 'a@b' }, '--tunnel ssh needs --ssh-key FILE or --ssh-agent'],
    [
      { tunnel: 'ssh', 'ssh-target': 'a@b', 'ssh-agent': true, 'ssh-remote-port': '70000' },
      '--ssh-remote-port must be between',
    ],
    [{ 'tunnel-required': true }, '--tunnel-required needs'],
    [{ tunnel: 'ngrok', 'public-url': 'hooks.example.com' }, '--public-url must be an http(s) URL'],
    [{ tunnel: 'ngrok', 'tunnel-timeout': 'soon' }, '--tunnel-timeout must be a whole number'],
  ])('refuses %j', (flags, message) => {
    expect(() => tunnelRequestFromFlags(flags)).toThrow(UsageError);
    expect(() => tunnelRequestFromFlags(flags)).toThrow(message);
  });
});
