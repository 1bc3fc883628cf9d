import { describe, expect, it } from 'vitest';
import { describeSshError } from '../../../electron/engine/tunnel';

const WHERE = 'me@tunnel.example.test:2222';

/** ssh2 1.x errors carry `level` (client-socket, client-authentication, client-timeout, ...). */
function ssh2Error(message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), extra);
}

describe('describeSshError', () => {
  it.each([
    [
      ssh2Error('All configured authentication methods failed', { level: 'client-authentication' }),
      false,
      `the SSH server ${WHERE} rejected the login: check the user, the key file or the agent`,
    ],
    [
      ssh2Error('Host denied (verification failed)', { level: 'client-dns' }),
      false,
      `the SSH server ${WHERE} presented a host key that does not match the expected fingerprint`,
    ],
    [
      ssh2Error('Cannot parse privateKey: Unsupported key format'),
      false,
      'the SSH key file cannot be used: Unsupported key format',
    ],
    [
      ssh2Error(
        'Cannot parse privateKey: Encrypted private OpenSSH key detected, but no passphrase given',
      ),
      false,
      'the SSH key file cannot be used: Encrypted private OpenSSH key detected, but no passphrase given',
    ],
    [
      ssh2Error('something unforeseen'),
      true,
      `SSH tunnel to ${WHERE} failed: something unforeseen`,
    ],
    [
      ssh2Error('connect ECONNREFUSED 127.0.0.1:2222', {
        code: 'ECONNREFUSED',
        level: 'client-socket',
      }),
      true,
      `cannot reach the SSH server ${WHERE}: connection refused`,
    ],
    [
      ssh2Error('getaddrinfo ENOTFOUND tunnel.example.test', {
        code: 'ENOTFOUND',
        level: 'client-socket',
      }),
      true,
      `cannot resolve the SSH host of ${WHERE}`,
    ],
    [
      ssh2Error('Keepalive timeout', { level: 'client-timeout' }),
      true,
      `the SSH server ${WHERE} stopped answering keepalives`,
    ],
    [
      ssh2Error('Timed out while waiting for handshake', { level: 'client-timeout' }),
      true,
      `the SSH server ${WHERE} did not complete the handshake in time`,
    ],
    [
      ssh2Error('read ECONNRESET', { code: 'ECONNRESET', level: 'client-socket' }),
      true,
      `the connection to the SSH server ${WHERE} was lost`,
    ],
    [
      ssh2Error('Failed to connect to agent'),
      false,
      'cannot use the ssh-agent: Failed to connect to agent (is SSH_AUTH_SOCK set and the agent running?)',
    ],
  ])('maps %s', (error, retryable, message) => {
    const mapped = describeSshError(error, WHERE);
    expect(mapped.message).toBe(message);
    expect(mapped.retryable).toBe(retryable);
  });

  it('treats a refused remote bind as retryable (the old listener may still hold the port)', () => {
    const mapped = describeSshError(ssh2Error('Unable to bind to localhost:8080'), WHERE);
    expect(mapped.message).toBe(
      `the SSH server ${WHERE} refused to listen for us (on localhost:8080): the port is taken or the server forbids remote forwarding (AllowTcpForwarding)`,
    );
    expect(mapped.retryable).toBe(true);
  });
});
