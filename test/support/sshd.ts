import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile, readFile, chmod } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SSHD_PATH = '/usr/sbin/sshd';
export const sshdAvailable = existsSync(SSHD_PATH);

export interface SshdOptions {
  /** Extra sshd_config lines (e.g. a ForceCommand that prints a banner). */
  extraConfig?: string[];
}

/** A throwaway OpenSSH server on 127.0.0.1 with its own host key and one authorized user key. */
export interface Sshd {
  readonly port: number;
  /** `user@127.0.0.1:port` for the current user. */
  readonly target: string;
  readonly userKeyFile: string;
  /** Host key fingerprint as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
  /** sshd's stderr so far (it runs with -e), for failure messages. */
  log(): string;
  /** Kills the per-connection sshd processes (children of the listener); the listener stays. */
  killSessions(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const dir = await mkdtemp(join(tmpdir(), 'hookscope-sshd-'));
  const hostKey = join(dir, 'host_ed25519');
  const userKey = join(dir, 'user_ed25519');
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'hookscope-test-host',
    '-f',
    hostKey,
  ]);
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'hookscope-test-user',
    '-f',
    userKey,
  ]);
  const authorizedKeys = join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, await readFile(`${userKey}.pub`));
  await chmod(authorizedKeys, 0o600);
  const fingerprint =
    (await run('ssh-keygen', ['-lf', `${hostKey}.pub`])).stdout.split(' ')[1] ?? '';

  const port = await freePort();
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'AllowTcpForwarding yes',
      'GatewayPorts no',
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'LogLevel VERBOSE',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  // sshd refuses to start without its privilege separation directory.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });

  const child: ChildProcess = spawn(SSHD_PATH, ['-D', '-e', '-f', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const childPids = async (): Promise<number[]> => {
    const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(child.pid)]).catch(() => ({
      stdout: '',
    }));
    return stdout
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  };
  const killPids = (pids: number[], signal: NodeJS.Signals): void => {
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
  };

  return {
    port,
    target: `${userInfo().username}@127.0.0.1:${port}`,
    userKeyFile: userKey,
    hostKeyFingerprint: fingerprint,
    log: () => stderr,
    killSessions: async () => {
      const pids = await childPids();
      killPids(pids, 'SIGTERM');
      return pids.length;
    },
    stop: async () => {
      // TERM, not KILL: a session process cleans up its own privilege-separated helper on TERM.
      killPids(await childPids(), 'SIGTERM');
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}
