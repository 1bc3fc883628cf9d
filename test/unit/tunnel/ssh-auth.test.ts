import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSshCredentials } from '../../../electron/engine/tunnel/ssh-auth';
import type { SshTunnelConfig } from '../../../electron/engine/tunnel/types';

const base: SshTunnelConfig = { provider: 'ssh', target: 'me@host:22', remotePort: 0 };

describe('loadSshCredentials', () => {
  it('reads the key file and uses the agent socket from SSH_AUTH_SOCK', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookscope-key-'));
    try {
      const keyFile = join(dir, 'id');
      await writeFile(keyFile, 'KEY BYTES');
      const credentials = await loadSshCredentials(
        { ...base, keyFile, passphrase: 'pw', useAgent: true },
        { SSH_AUTH_SOCK: '/run/agent.sock' },
      );
      expect(credentials.privateKey?.toString()).toBe('KEY BYTES');
      expect(credentials.passphrase).toBe('pw');
      expect(credentials.agent).toBe('/run/agent.sock');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains each misconfiguration, as errors retrying cannot fix', async () => {
    await expect(loadSshCredentials({ ...base, useAgent: true }, {})).rejects.toMatchObject({
      message: 'the SSH tunnel should use the ssh-agent, but SSH_AUTH_SOCK is not set',
      retryable: false,
    });
    await expect(loadSshCredentials(base, {})).rejects.toMatchObject({
      message: 'the SSH tunnel needs a key file or the ssh-agent to log in',
      retryable: false,
    });
    await expect(
      loadSshCredentials({ ...base, keyFile: '/nonexistent/id' }, {}),
    ).rejects.toMatchObject({
      message: 'cannot read the SSH key file /nonexistent/id: it does not exist',
      retryable: false,
    });
  });
});
