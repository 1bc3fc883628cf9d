import { describe, expect, it } from 'vitest';
import {
  eventMatches,
  forwardUrl,
  proxyRuleFor,
  ruleTakes,
} from '../../../electron/engine/sender/forward-rules';
import { guardAgainstLoop, ownUrlReached } from '../../../electron/engine/sender/loop-guard';
import { retryDelay } from '../../../electron/engine/sender/forwarder';
import { withoutSecrets } from '../../../electron/engine/sender/scenarios-store';
import { parseHeaderLines } from '../../../renderer/src/features/replay/header-lines';

const own = { receiverUrl: 'http://127.0.0.1:8787', publicUrls: ['https://abc.ngrok.app'] };

describe('loop guard', () => {
  it.each([
    ['http://127.0.0.1:8787/x', own.receiverUrl],
    ['http://localhost:8787/', own.receiverUrl],
    ['http://[::1]:8787/hook', own.receiverUrl],
    ['https://abc.ngrok.app/hooks?x=1', 'https://abc.ngrok.app'],
    ['https://ABC.ngrok.app:443/', 'https://abc.ngrok.app'],
  ])('knows %s is Hookscope itself', (target, reached) => {
    expect(ownUrlReached(target, own)).toBe(reached);
  });

  it.each([
    'http://127.0.0.1:8788/',
    'http://localhost:3000/',
    'https://other.ngrok.app/',
    'not a url',
  ])('lets %s through', (target) => expect(ownUrlReached(target, own)).toBeNull());

  it('throws a confirm-loop error unless confirmed', () => {
    expect(() => guardAgainstLoop('http://localhost:8787/', own, false)).toThrow(
      expect.objectContaining({ code: 'confirm-loop' }),
    );
    expect(() => guardAgainstLoop('http://localhost:8787/', own, true)).not.toThrow();
  });
});

describe('forward rules', () => {
  it('matches events exactly, by prefix pattern, or all', () => {
    expect(eventMatches('task.*', 'task.move.column')).toBe(true);
    expect(eventMatches('task.*', 'comment.create')).toBe(false);
    expect(eventMatches('task.create', 'task.create')).toBe(true);
    expect(eventMatches('a.b', 'aXb')).toBe(false);
    expect(eventMatches('*', null)).toBe(true);
    expect(ruleTakes({ url: 'x', events: ['task.*'] }, null)).toBe(false);
    expect(ruleTakes({ url: 'x' }, null)).toBe(true);
  });

  it('keeps the captured query unless the rule has its own', () => {
    expect(forwardUrl('http://localhost:3000/hook', '/kanboard?token=abc')).toBe(
      'http://localhost:3000/hook?token=abc',
    );
    expect(forwardUrl('http://localhost:3000/hook?mine=1', '/kanboard?token=abc')).toBe(
      'http://localhost:3000/hook?mine=1',
    );
    expect(forwardUrl('http://localhost:3000/hook', '/kanboard')).toBe(
      'http://localhost:3000/hook',
    );
  });

  it('picks the first proxy rule that takes the event', () => {
    const endpoint = {
      path: '/p',
      forward: [{ url: 'a', proxy: true, events: ['x'] }, { url: 'b' }, { url: 'c', proxy: true }],
    };
    expect(proxyRuleFor(endpoint, 'x')?.url).toBe('a');
    expect(proxyRuleFor(endpoint, 'y')?.url).toBe('c');
  });

  it('backs off exponentially up to the cap', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe('scenario secrets', () => {
  it('drops signature and credential headers', () => {
    const clean = withoutSecrets({
      name: 'n',
      provider: 'stripe',
      event: 'e',
      rawHeaders: [
        ['X-Keep', '1'],
        ['Stripe-Signature', 't=1,v1=00'],
        ['Authorization', 'Bearer x'],
        ['X-Api-Key', 'k'],
        ['X-Hub-Signature-256', 'sha256=00'],
      ],
    });
    expect(clean.rawHeaders).toEqual([['X-Keep', '1']]);
  });
});

describe('header lines', () => {
  it('parses "Name: value" lines in order and names a bad line', () => {
    expect(parseHeaderLines('A: 1\n\nb:two:three\r\nA: 2')).toEqual({
      ok: true,
      headers: [
        ['A', '1'],
        ['b', 'two:three'],
        ['A', '2'],
      ],
    });
    expect(parseHeaderLines('ok: 1\nno colon here')).toEqual({
      ok: false,
      error: 'line 2: expected "Name: value"',
    });
  });
});
