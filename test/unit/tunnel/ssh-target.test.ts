import { describe, expect, it } from 'vitest';
import { hostForUrl, parseSshTarget } from '../../../electron/engine/tunnel/ssh-target';

describe('parseSshTarget', () => {
  it('parses user@host:port and defaults the port to 22', () => {
    expect(parseSshTarget('deploy@tunnel.example.test:2222')).toEqual({
      username: 'deploy',
      host: 'tunnel.example.test',
      port: 2222,
    });
    expect(parseSshTarget('root@127.0.0.1')).toEqual({
      username: 'root',
      host: '127.0.0.1',
      port: 22,
    });
  });

  it('parses bracketed IPv6 hosts and users that contain @', () => {
    expect(parseSshTarget('me@[::1]:2200')).toEqual({ username: 'me', host: '::1', port: 2200 });
    expect(parseSshTarget('me@corp@bastion.test')).toEqual({
      username: 'me@corp',
      host: 'bastion.test',
      port: 22,
    });
  });

  it.each([
    ['tunnel.example.test:22', 'has no user'],
    ['@host:22', 'has no user'],
    ['me@', 'has no valid host'],
    ['me@host:0', 'has an invalid port'],
    ['me@host:70000', 'has an invalid port'],
    ['me@host:ssh', 'has no valid host'],
    ['me@::1:22', 'has no valid host'],
  ])('rejects %s (%s)', (target, why) => {
    expect(() => parseSshTarget(target)).toThrow(
      `SSH target "${target}" ${why}; expected user@host:port`,
    );
  });

  it('brackets IPv6 hosts for URLs', () => {
    expect(hostForUrl('::1')).toBe('[::1]');
    expect(hostForUrl('example.test')).toBe('example.test');
  });
});
