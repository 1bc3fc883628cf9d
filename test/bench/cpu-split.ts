// Where the CPU goes under load: req/s plus CPU seconds per thread of the server and of the load
// generator, read from /proc (Linux). Usage: tsx test/bench/cpu-split.ts bare|hookscope|mockttp [sec]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autocannonArgs } from './load';
import { startTarget } from './target-process';

const kind = (process.argv[2] ?? 'hookscope') as 'bare' | 'hookscope' | 'mockttp';
const seconds = Number(process.argv[3] ?? 5);
const body = JSON.stringify({
  event: 'task.create',
  data: { id: 1, title: 'x'.repeat(960) },
}).slice(0, 1024);

function threadTicks(pid: number): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(`${name}#${tid}`, Number(fields[11]) + Number(fields[12]));
    } catch {
      /* thread gone */
    }
  }
  return ticks;
}

const dir = mkdtempSync(join(tmpdir(), 'hookscope-cpu-'));
const target = await startTarget(kind, dir);
const serverPid = target.pid;
const before = threadTicks(serverPid);
const load = spawn(
  'node_modules/.bin/autocannon',
  autocannonArgs({ url: target.url, connections: 50, durationSec: seconds, body }),
  { stdio: ['ignore', 'pipe', 'ignore'] },
);
let out = '';
load.stdout.on('data', (c: Buffer) => (out += c));
let loadTicks = 0;
const sampler = setInterval(() => {
  try {
    const stat = readFileSync(`/proc/${load.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    loadTicks = Number(fields[11]) + Number(fields[12]);
  } catch {
    /* ended */
  }
}, 200);
await new Promise((resolve) => load.once('exit', resolve));
clearInterval(sampler);
const after = threadTicks(serverPid);
const result = JSON.parse(out) as { requests: { average: number; total: number } };
console.log(
  `${kind}: ${result.requests.average.toFixed(0)} req/s (${result.requests.total} total)`,
);
console.log(
  `  autocannon cpu ${(loadTicks / 100).toFixed(2)} s = ${((loadTicks * 1e4) / result.requests.total).toFixed(1)} us/req`,
);
for (const [thread, t] of after) {
  const used = t - (before.get(thread) ?? 0);
  if (used > 5)
    console.log(
      `  ${thread.padEnd(24)} cpu ${(used / 100).toFixed(2)} s = ${((used * 1e4) / result.requests.total).toFixed(1)} us/req`,
    );
}
const waitedFrom = performance.now();
const stats = await target.stats();
console.log(
  `  stored ${stats.count}, all rows ${((performance.now() - waitedFrom) / 1000).toFixed(1)} s after the load`,
);
await target.stop();
rmSync(dir, { recursive: true, force: true });
