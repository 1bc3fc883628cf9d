import { readFile } from 'node:fs/promises';
import { TunnelError } from './tunnel-error';
import type { SshTunnelConfig } from './types';

export interface SshCredentials {
  privateKey?: Buffer;
  passphrase?: string;
  agent?: string;
}

/** Reads the key file and/or locates the agent socket; each misconfiguration has its own message. */
export async function loadSshCredentials(
  config: SshTunnelConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SshCredentials> {
  const credentials: SshCredentials = {};
  if (config.keyFile) {
    try {
      credentials.privateKey = await readFile(config.keyFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT'
          ? 'it does not exist'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code);
      throw new TunnelError(`cannot read the SSH key file ${config.keyFile}: ${why}`, {
        retryable: false,
        cause: error,
      });
    }
    if (config.passphrase) credentials.passphrase = config.passphrase;
  }
  if (config.useAgent) {
    const socket = env.SSH_AUTH_SOCK;
    if (!socket) {
      throw new TunnelError(
        'the SSH tunnel should use the ssh-agent, but SSH_AUTH_SOCK is not set',
        {
          retryable: false,
        },
      );
    }
    credentials.agent = socket;
  }
  if (!credentials.privateKey && !credentials.agent) {
    throw new TunnelError('the SSH tunnel needs a key file or the ssh-agent to log in', {
      retryable: false,
    });
  }
  return credentials;
}
