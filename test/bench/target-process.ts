// Forks a target server and talks to it over IPC (ready URL, RSS and stored count).
import { fork, type ChildProcess } from 'node:child_process';

export interface TargetProcess {
  url: string;
  /** The server's process id (for reading its CPU use). */
  pid: number;
  stats(): Promise<{ rss: number; count: number }>;
  stop(): Promise<void>;
}

export async function startTarget(
  kind: 'bare' | 'hookscope' | 'mockttp',
  dataDir: string,
): Promise<TargetProcess> {
  const child: ChildProcess = fork('test/bench/target-server.ts', [kind, dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`${kind} target exited early (${code})`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m: { rss: number; count: number }) => resolve(m));
        child.send({ type: 'stats' });
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
