import { TunnelError } from './tunnel-error';

interface SshErrorShape {
  message?: unknown;
  code?: unknown;
  level?: unknown;
}

/**
 * Turns an ssh2 (or socket) failure into a sentence for the tunnel status. `where` is
 * `user@host:port` as configured, so the message names the server the user typed.
 */
export function describeSshError(error: unknown, where: string): TunnelError {
  const { message, code, level } = shapeOf(error);
  const fixed = (text: string): TunnelError =>
    new TunnelError(text, { retryable: false, cause: error });
  const transient = (text: string): TunnelError =>
    new TunnelError(text, { retryable: true, cause: error });

  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return fixed(
      `the SSH server ${where} rejected the login: check the user, the key file or the agent`,
    );
  }
  if (/Host denied/i.test(message)) {
    return fixed(
      `the SSH server ${where} presented a host key that does not match the expected fingerprint`,
    );
  }
  if (/Cannot parse privateKey|does not contain a \(valid\) private key/i.test(message)) {
    return fixed(
      `the SSH key file cannot be used: ${message.replace(/^Cannot parse privateKey:\s*/i, '')}`,
    );
  }
  if (/Failed to connect to agent|identities from agent/i.test(message)) {
    return fixed(
      `cannot use the ssh-agent: ${message} (is SSH_AUTH_SOCK set and the agent running?)`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return transient(`cannot resolve the SSH host of ${where}`);
  }
  if (code === 'ECONNREFUSED') {
    return transient(`cannot reach the SSH server ${where}: connection refused`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT') {
    return transient(`cannot reach the SSH server ${where}: network unreachable or timed out`);
  }
  if (/Unable to bind to/i.test(message)) {
    // Transient on purpose: after a drop the server may still hold the old listener for a while.
    return transient(
      `the SSH server ${where} refused to listen for us (${message.replace(/^Unable to bind to\s*/i, 'on ')}): ` +
        'the port is taken or the server forbids remote forwarding (AllowTcpForwarding)',
    );
  }
  if (/Keepalive timeout/i.test(message)) {
    return transient(`the SSH server ${where} stopped answering keepalives`);
  }
  if (/Timed out while waiting for handshake/i.test(message)) {
    return transient(`the SSH server ${where} did not complete the handshake in time`);
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection lost|No response from server/i.test(message)
  ) {
    return transient(`the connection to the SSH server ${where} was lost`);
  }
  return transient(`SSH tunnel to ${where} failed: ${message || 'unknown error'}`);
}

function shapeOf(error: unknown): { message: string; code: unknown; level: unknown } {
  if (typeof error === 'string') return { message: error, code: undefined, level: undefined };
  const candidate = (error ?? {}) as SshErrorShape;
  return {
    message: typeof candidate.message === 'string' ? candidate.message : '',
    code: candidate.code,
    level: candidate.level,
  };
}
