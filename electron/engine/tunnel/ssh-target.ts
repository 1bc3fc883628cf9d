import { TunnelError } from './tunnel-error';

export interface SshTarget {
  username: string;
  host: string;
  port: number;
}

/** Parses `user@host[:port]` (IPv6 as `user@[::1]:2222`); the port defaults to 22. */
export function parseSshTarget(target: string): SshTarget {
  const fail = (why: string): never => {
    throw new TunnelError(`SSH target "${target}" ${why}; expected user@host:port`, {
      retryable: false,
    });
  };
  const at = target.lastIndexOf('@');
  if (at <= 0) return fail('has no user');
  const username = target.slice(0, at);
  const rest = target.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  const plain = /^([^:[\]\s]+)(?::(\d+))?$/.exec(rest);
  const match = bracketed ?? plain;
  if (!match?.[1]) return fail('has no valid host');
  const port = match[2] === undefined ? 22 : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return fail('has an invalid port');
  return { username, host: match[1], port };
}

/** host:port as it goes in a URL (IPv6 in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
