import { describe, expect, it } from 'vitest';
import { matchEndpoint, requestPath } from '../../../electron/engine/receiver';

describe('requestPath', () => {
  it.each([
    ['/a/b?x=1&y=%ZZ', '/a/b'],
    ['/a#frag', '/a'],
    ['/', '/'],
    ['http://example.test/p/q?z', '/p/q'],
    ['http://example.test', '/'],
    ['*', '*'],
  ])('%s -> %s', (target, path) => expect(requestPath(target)).toBe(path));
});

describe('matchEndpoint', () => {
  const endpoints = [
    { path: '/' },
    { path: '/hooks/' },
    { path: '/hooks/github' },
    { path: 'bare' },
  ];
  const match = (path: string) => matchEndpoint(endpoints, path)?.path ?? null;

  it('prefers the longest prefix', () => {
    expect(match('/hooks/github/push')).toBe('/hooks/github');
    expect(match('/hooks/github')).toBe('/hooks/github');
    expect(match('/hooks/x')).toBe('/hooks/');
    expect(match('/hooks')).toBe('/hooks/');
  });

  it('matches on whole segments only', () => {
    expect(match('/hooksmith')).toBe('/');
    expect(match('/hooks/githubber')).toBe('/hooks/');
  });

  it('treats a configured path without a leading slash as rooted', () => {
    expect(match('/bare/1')).toBe('bare');
  });

  it('returns null when nothing matches', () => {
    expect(matchEndpoint([{ path: '/a' }], '/b')).toBeNull();
    expect(matchEndpoint([], '/')).toBeNull();
  });
});
