// Issue 16 through the product path: `hookscope serve` learns each event's shape as deliveries are
// stored; the jsonl export shows `learning` for the first 20, then `none`, then `drift` with the
// pointer that changed. `schema infer --format openapi` prints a document the schema importer
// accepts, and every stored delivery validates against what it imported.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaDocument } from '../../../electron/engine/capture-rules/schema-document';
import { checkSchema } from '../../../electron/engine/inspect/schema-check';
import { runCli, startCli } from '../cli/cli-process';
import { sendRequest } from '../cli/http-request';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'hookscope-drift-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const task = (id: number, timeEstimated: number | null) => ({
  event_name: 'task.create',
  event_data: {
    task: {
      id,
      title: `Task ${id}`,
      time_estimated: timeEstimated,
      date_creation: 1_762_077_600 + id,
      status: id % 2 ? 'open' : 'closed',
    },
  },
  event_author: 'admin',
});

interface ExportedRecord {
  id: string;
  bodyBase64: string;
  verdict: {
    drift?: {
      status: string;
      changes: { pointer: string; kind: string; was: string; now: string }[];
    };
  } | null;
}

describe('drift through hookscope serve', () => {
  it('learning for the first 20, then none, then drift at the changed pointer', async () => {
    const serve = await startCli(
      ['serve', '--data-dir', dataDir, '--receiver-port', '0', '--port', '0'],
      'stdout',
    );
    const bodies = [
      ...Array.from({ length: 25 }, (_, i) => task(i + 1, (i % 4) * 3600)),
      task(26, null),
    ];
    for (const body of bodies) {
      const reply = await sendRequest(serve.ready.receiver, {
        target: '/kanboard',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from(JSON.stringify(body)),
      });
      expect(reply.status).toBe(200);
    }
    expect((await serve.stop('SIGTERM')).code).toBe(0);

    const exported = await runCli(['export', '--data-dir', dataDir, '--format', 'jsonl']);
    expect(exported.code).toBe(0);
    const records = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ExportedRecord);
    expect(records).toHaveLength(26);
    const statuses = records.map((record) => record.verdict?.drift?.status);
    expect(statuses).toEqual([
      ...Array<string>(20).fill('learning'),
      ...Array<string>(5).fill('none'),
      'drift',
    ]);
    expect(records[25]?.verdict?.drift?.changes).toEqual([
      expect.objectContaining({
        pointer: '/event_data/task/time_estimated',
        kind: 'type-change',
        was: 'integer',
        now: 'null',
      }),
    ]);

    const inferred = await runCli([
      'schema',
      'infer',
      '--data-dir',
      dataDir,
      '--format',
      'openapi',
    ]);
    expect(inferred.stderr).toBe('');
    expect(inferred.code).toBe(0);
    const document = JSON.parse(inferred.stdout) as {
      openapi: string;
      webhooks: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    // Back through the importer the app uses for OpenAPI documents: it must accept it...
    const imported = readSchemaDocument(inferred.stdout, 'openapi', { name: 'learned' });
    expect(imported.length).toBe(Object.keys(document.webhooks).length);
    const [schema] = imported;
    // ...with a real delivery as the example, and every stored delivery valid against it.
    expect(schema?.template).toMatchObject({ event_name: 'task.create' });
    for (const record of records) {
      const body = JSON.parse(Buffer.from(record.bodyBase64, 'base64').toString('utf8')) as unknown;
      expect(checkSchema(schema!.schema, body)).toMatchObject({ status: 'valid' });
    }
    // The learned schema is not vacuous: a body of another shape fails it.
    expect(checkSchema(schema!.schema, { event_name: 7 }).status).toBe('invalid');
  });

  it('schema infer exits 1 when nothing matches and 2 on a bad format', async () => {
    const none = await runCli(['schema', 'infer', '--data-dir', dataDir, '--endpoint', '/nowhere']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/nothing learned yet for \/nowhere/);
    const bad = await runCli(['schema', 'infer', '--data-dir', dataDir, '--format', 'yaml']);
    expect(bad.code).toBe(2);
  });
});
