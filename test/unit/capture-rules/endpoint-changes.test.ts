import { describe, expect, it } from 'vitest';
import { changedEndpointPaths } from '../../../electron/engine/capture-rules/endpoint-changes';

describe('changedEndpointPaths', () => {
  const before = [
    { path: '/a', provider: 'github', secrets: ['one'] },
    { path: '/b', provider: 'stripe', secrets: ['two'], response: { status: 200 } },
    { path: '/c', provider: 'hmac', options: { header: 'X-Sig' } },
  ];

  it('names endpoints whose secrets, provider or options changed, and added or removed ones', () => {
    const after = [
      { path: '/a', provider: 'github', secrets: ['one', 'rotated'] },
      { path: '/b', provider: 'stripe', secrets: ['two'], response: { status: 204 } },
      { path: '/c', provider: 'hmac', options: { header: 'X-Other' } },
      { path: '/d' },
    ];
    expect(changedEndpointPaths(before, after).sort()).toEqual(['/a', '/c', '/d']);
    expect(changedEndpointPaths(after, [])).toEqual(['/a', '/b', '/c', '/d']);
  });

  it('ignores answer-only and handshake edits: they change no verdict', () => {
    const after = before.map((endpoint) => ({ ...endpoint, handshake: true }));
    expect(changedEndpointPaths(before, after)).toEqual([]);
  });
});
