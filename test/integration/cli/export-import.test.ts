import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../electron/engine/data-dir';
import { openDeliveryStore } from '../../../electron/engine/store';
import { runCli, startCli } from './cli-process';
import { answeredId, sendRequest, type SentRequest } from './http-request';

let root = '';
let sourceDir = '';
const ids: string[] = [];

// A source store filled through the real receiver: text, binary, empty and odd-header deliveries.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hookscope-roundtrip-'));
  sourceDir = join(root, 'source');
  const serve = await startCli(
    ['serve', '--data-dir', sourceDir, '--receiver-port', '0', '--port', '0'],
    'stdout',
  );
  const binary = Buffer.alloc(3000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 131 + 7) % 256;
  const sent: SentRequest[] = [
    {
      target: '/kanboard?token=a%2Fb&x=1',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"event_name":"task.create","task_id":"7"}'),
    },
    {
      target: '/bin',
      headers: { 'content-type': 'application/octet-stream', 'X-Dup': '1' },
      body: binary,
    },
    { method: 'GET', target: '/ping?q=%E2%9C%93' },
    {
      method: 'DELETE',
      target: '/items/9',
      headers: { 'X-Hookscope-Test': 'Mixed Case' },
      body: Buffer.from('é\r\nü'),
    },
  ];
  try {
    // One at a time so ids and sequence order are predictable.
    for (const request of sent)
      ids.push(answeredId(await sendRequest(serve.ready.receiver, request)));
  } finally {
    expect((await serve.stop()).code).toBe(0);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function exportTo(dataDir: string, format: 'jsonl' | 'har', name: string): Promise<Buffer> {
  const out = join(root, name);
  const result = await runCli(['export', '--data-dir', dataDir, '--format', format, '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  return readFile(out);
}

function countIn(dataDir: string): number {
  const store = openDeliveryStore(databaseFile(dataDir));
  try {
    return store.count();
  } finally {
    store.close();
  }
}

describe('export and import', () => {
  it('jsonl: export, import into an empty dir, export again gives identical bytes', async () => {
    const first = await exportTo(sourceDir, 'jsonl', 'first.jsonl');
    expect(first.toString().trimEnd().split('\n')).toHaveLength(4);

    const copyDir = join(root, 'copy-jsonl');
    const imported = await runCli(['import', '--data-dir', copyDir, join(root, 'first.jsonl')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^imported 4 deliveries from .*first\.jsonl \(jsonl\)/);

    const second = await exportTo(copyDir, 'jsonl', 'second.jsonl');
    expect(second.equals(first)).toBe(true);

    // stdout export is the same bytes as --out.
    const viaStdout = await runCli(['export', '--data-dir', copyDir]);
    expect(viaStdout.stdoutBytes.equals(first)).toBe(true);
  });

  it('importing the same file twice skips what is already there', async () => {
    const copyDir = join(root, 'copy-twice');
    const file = join(root, 'twice.jsonl');
    await writeFile(file, await exportTo(sourceDir, 'jsonl', 'twice-src.jsonl'));
    expect((await runCli(['import', '--data-dir', copyDir, file])).code).toBe(0);
    const again = await runCli(['import', '--data-dir', copyDir, file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('imported 0 deliveries');
    expect(again.stdout).toContain('4 already present, skipped');
    expect(countIn(copyDir)).toBe(4);
  });

  it('HAR: export, import, export as jsonl gives the original jsonl', async () => {
    const jsonl = await exportTo(sourceDir, 'jsonl', 'har-ref.jsonl');
    const har = await exportTo(sourceDir, 'har', 'export.har');
    const parsed = JSON.parse(har.toString()) as {
      log: { entries: { request: { url: string }; _hookscope: { id: string } }[] };
    };
    expect(parsed.log.entries.map((entry) => entry._hookscope.id)).toEqual(ids);
    expect(parsed.log.entries[0]?.request.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/kanboard\?token=a%2Fb&x=1$/,
    );

    const copyDir = join(root, 'copy-har');
    const imported = await runCli(['import', '--data-dir', copyDir, join(root, 'export.har')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('(har)');
    expect((await exportTo(copyDir, 'jsonl', 'from-har.jsonl')).equals(jsonl)).toBe(true);
    expect((await exportTo(copyDir, 'har', 'again.har')).equals(har)).toBe(true);
  });

  it('curl: the exported commands, run by sh and curl, re-send the same bytes to a receiver', async () => {
    const targetDir = join(root, 'curl-target');
    const serve = await startCli(
      ['serve', '--data-dir', targetDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    let script = '';
    try {
      const exported = await runCli([
        'export',
        '--data-dir',
        sourceDir,
        '--format',
        'curl',
        '--url',
        serve.ready.receiver,
        ...ids.flatMap((id) => ['--id', id]),
      ]);
      expect(exported.code, exported.stderr).toBe(0);
      script = exported.stdout;
      for (const id of ids) expect(script).toContain(`# ${id}\n`);
      const file = join(root, 'resend.sh');
      await writeFile(file, script);
      const ran = await new Promise<number | null>((resolve, reject) => {
        const child = spawn('sh', [file], { stdio: 'ignore', env: { PATH: process.env.PATH } });
        child.once('error', reject);
        child.once('close', resolve);
      });
      expect(ran).toBe(0);
    } finally {
      expect((await serve.stop()).code).toBe(0);
    }
    const source = openDeliveryStore(databaseFile(sourceDir));
    const target = openDeliveryStore(databaseFile(targetDir));
    try {
      const originals = [...source.iterate(ids)];
      const copies = [...target.iterate()];
      expect(copies).toHaveLength(originals.length);
      const withoutHost = (headers: [string, string][]) =>
        headers.filter(([name]) => name.toLowerCase() !== 'host');
      originals.forEach((original, index) => {
        const copy = copies[index]!;
        expect(copy.method).toBe(original.method);
        expect(copy.target).toBe(original.target);
        expect(withoutHost(copy.rawHeaders)).toEqual(withoutHost(original.rawHeaders));
        expect(Buffer.from(copy.body).equals(Buffer.from(original.body))).toBe(true);
      });
    } finally {
      source.close();
      target.close();
    }
  });

  it('curl: --url is refused with another format', async () => {
    const result = await runCli(['export', '--data-dir', sourceDir, '--url', 'http://127.0.0.1:1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url applies to --format curl only');
  });

  it('exports only the deliveries asked for with --id, and fails on an unknown id', async () => {
    const picked = await runCli([
      'export',
      '--data-dir',
      sourceDir,
      '--id',
      ids[2] ?? '',
      '--id',
      ids[0] ?? '',
    ]);
    expect(picked.code).toBe(0);
    const pickedIds = picked.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { id: string }).id);
    expect(pickedIds).toEqual([ids[0], ids[2]]);

    const unknown = await runCli(['export', '--data-dir', sourceDir, '--id', 'NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no delivery with id NOPE');
  });

  it('a bad line imports nothing and names the line', async () => {
    const lines = (await exportTo(sourceDir, 'jsonl', 'bad-src.jsonl'))
      .toString()
      .trimEnd()
      .split('\n');
    const broken = JSON.parse(lines[2] ?? '') as Record<string, unknown>;
    broken.size = 'big';
    lines[2] = JSON.stringify(broken);
    const file = join(root, 'bad.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);

    const targetDir = join(root, 'copy-bad');
    const result = await runCli(['import', '--data-dir', targetDir, file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.jsonl: line 3: size: .*; nothing imported/);
    // Validation runs before the store is opened: the target was not even created.
    const afterFailure = await runCli(['export', '--data-dir', targetDir]);
    expect(afterFailure.code).toBe(1);

    // Into an existing store: still nothing added.
    const existing = join(root, 'copy-existing');
    expect(
      (await runCli(['import', '--data-dir', existing, join(root, 'bad-src.jsonl')])).code,
    ).toBe(0);
    const before = countIn(existing);
    expect((await runCli(['import', '--data-dir', existing, file])).code).toBe(1);
    expect(countIn(existing)).toBe(before);
  });
});
