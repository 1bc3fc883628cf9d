import { describe, expect, it } from 'vitest';
import { CallMessage, tokenFromHash } from '../../../electron/contract/bridge-messages';
import {
  CONTENT_SECURITY_POLICY_META,
  contentSecurityPolicy,
} from '../../../electron/contract/csp';

describe('bridge messages', () => {
  it('reads the token from the URL fragment', () => {
    expect(tokenFromHash('#token=0123456789abcdef0123')).toBe('0123456789abcdef0123');
    expect(tokenFromHash('token=0123456789abcdef0123&x=1')).toBe('0123456789abcdef0123');
    expect(tokenFromHash('#x=1&token=0123456789abcdef0123')).toBe('0123456789abcdef0123');
  });

  it('refuses missing, short or non-hex tokens', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#token=abc')).toBeNull();
    expect(tokenFromHash('#token=zzzzzzzzzzzzzzzzzzzz')).toBeNull();
  });

  it('accepts only well-formed call messages', () => {
    expect(CallMessage.safeParse({ type: 'call', id: 1, name: 'app:info' }).success).toBe(true);
    expect(CallMessage.safeParse({ type: 'call', id: -1, name: 'app:info' }).success).toBe(false);
    expect(CallMessage.safeParse({ type: 'call', id: 1, name: 'x', extra: 1 }).success).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only the app itself', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-src 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('adds bridge sources to connect-src only', () => {
    const policy = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] });
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:4000;");
    expect(CONTENT_SECURITY_POLICY_META).toContain("connect-src 'self' ws://127.0.0.1:*;");
  });
});

describe('renderer CSP meta', () => {
  it('is exactly the shared policy, so the shells and the page never drift apart', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY_META}"`);
  });
});
