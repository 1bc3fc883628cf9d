import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../../electron/engine/inspect/schema-check';
import { kanboard } from '../../../../electron/engine/providers/kanboard';
import { judge, mutate } from './judge';
import { KANBOARD_CORPUS_EVENTS, kanboardBody, kanboardCorpus } from './kanboard-corpus';

const corpus = kanboardCorpus();
const KANBOARD_HEADERS = kanboard
  .forge?.({ event: 'task.create', body: new Uint8Array(3), now: 0, url: 'http://127.0.0.1:1/k' })
  .headers.filter(([name]) => !/^(host|content-length)$/i.test(name));

describe('Kanboard forge shape', () => {
  it('is what Kanboard’s cURL transport sends: Host, User-Agent, Accept, Content-type, Content-Length', () => {
    const shape = kanboard.forge?.({
      event: 'task.create',
      body: new TextEncoder().encode('{"a":1}'),
      now: 0,
      url: 'http://127.0.0.1:8787/kanboard?token=abc',
    });
    expect(shape).toEqual({
      headers: [
        ['Host', '127.0.0.1:8787'],
        ['User-Agent', 'Kanboard'],
        ['Accept', '*/*'],
        ['Content-type', 'application/json'],
        ['Content-Length', '7'],
      ],
      framing: 'length',
    });
  });
});

describe('Kanboard corpus', () => {
  it('covers every catalogued event with 4 drivers x 3 shapes, plus the float and pre-1.2.1 forms', () => {
    expect(KANBOARD_CORPUS_EVENTS).toEqual(kanboard.events.map((event) => event.name));
    expect(corpus).toHaveLength(19 * 4 * 3 + 2);
    expect(new Set(corpus.map((item) => item.label)).size).toBe(corpus.length);
    expect(corpus.find((item) => item.label.includes('2.0'))?.body).toContain(
      '"time_estimated":2.0',
    );
  });

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: valid through the verdict path',
    (_label, item) => {
      const facts = judge('kanboard', item.body);
      expect(facts.event).toBe(item.event);
      expect(facts.verdict.schema).toEqual({ status: 'valid', errors: [] });
    },
  );

  it.each(corpus.map((item) => [item.label, item] as const))(
    '%s: recognised as Kanboard with no endpoint configured (forged headers)',
    (_label, item) => {
      const facts = judge(null, item.body, KANBOARD_HEADERS);
      expect([facts.provider, facts.event, facts.verdict.schema.status]).toEqual([
        'kanboard',
        item.event,
        'valid',
      ]);
    },
  );

  it('the issue-12 delivery (API-created task, time_estimated/time_spent null) is valid', () => {
    const body = kanboardBody('task.create', 'nulls', 'native');
    expect(body).toContain('"time_spent":null,"time_estimated":null');
    expect(judge('kanboard', body).verdict.schema.status).toBe('valid');
  });

  it('writes bodies the way PHP json_encode does (\\/ and \\uXXXX escapes)', () => {
    const body = kanboardBody('comment.create', 'unicode', 'strings');
    expect(body).toContain('https:\\/\\/example.org');
    expect(body).toContain('\\u00e9');
    expect(body).toContain('\\ud83d\\ude00');
    expect(/[^\x20-\x7e]/.test(body)).toBe(false);
  });
});

describe('Kanboard corpus mutations fail at the right pointer', () => {
  const cases: ReadonlyArray<[string, string, string, unknown]> = [
    ['task.create', 'strings', '/event_data/task/time_estimated', 'two hours'],
    ['task.create', 'native', '/event_data/task/time_spent', true],
    ['task.update', 'postgres', '/event_data/task/id', true],
    ['task.update', 'strings', '/event_data/task/id', '5a'],
    ['task.close', 'native', '/event_data/task/project_id', null],
    ['task.open', 'strings', '/event_data/task_id', 'five'],
    ['task.move.column', 'native', '/event_data/src_column_id', 'two'],
    ['task.update', 'native', '/event_data/changes', [1]],
    ['task.open', 'postgres', '/event_data/task/is_active', 'yes'],
    ['task.open', 'native', '/event_data/task/recurrence_status', null],
    ['subtask.update', 'native', '/event_data/subtask/is_timer_started', '1'],
    ['subtask.create', 'strings', '/event_data/subtask/time_estimated', '1,5'],
    ['comment.create', 'native', '/event_data/comment/date_creation', null],
    ['comment.update', 'strings', '/event_data/comment/comment', 42],
    ['task.file.create', 'strings', '/event_data/file/etag', 'not-an-md5'],
    ['task.file.destroy', 'postgres', '/event_data/file/size', null],
    ['task_internal_link.delete', 'native', '/event_data/task_link/opposite_task_id', null],
    ['task.create', 'native', '/event_author', 7],
  ];

  it.each(cases)('%s %s: %s = %j', (event, driver, pointer, value) => {
    const body = mutate(kanboardBody(event, 'populated', driver as 'native'), pointer, value);
    const facts = judge('kanboard', body);
    expect(facts.event).toBe(event);
    expect(facts.verdict.schema.status).toBe('invalid');
    expect(facts.verdict.schema.errors.map((error) => error.pointer)).toEqual([pointer]);
  });

  it('a body naming another event fails the original event schema at /event_name', () => {
    const body = mutate(
      kanboardBody('task.create', 'populated', 'native'),
      '/event_name',
      'task.update',
    );
    // Detection follows the body, so the wrong name is judged against the task.create schema here.
    const schema = kanboard.events.find((definition) => definition.name === 'task.create')?.schema;
    expect(checkSchema(schema, JSON.parse(body)).errors).toEqual([
      { pointer: '/event_name', message: 'must be "task.create", got "task.update"' },
    ]);
  });

  const missing: ReadonlyArray<[string, string]> = [
    ['task.create', '/event_data/task/title'],
    ['task.create', '/event_data/task/project_id'],
    ['task.move.swimlane', '/event_data/task_id'],
    ['subtask.delete', '/event_data/subtask/task_id'],
    ['comment.delete', '/event_data/comment/comment'],
    ['task.file.create', '/event_data/file/name'],
    ['task_internal_link.create_update', '/event_data/task_link/link_id'],
    ['task.assignee_change', '/event_data/task'],
  ];

  it.each(missing)('%s without %s', (event, pointer) => {
    const body = mutate(kanboardBody(event, 'nulls', 'strings'), pointer, undefined);
    const { errors } = judge('kanboard', body).verdict.schema;
    expect(errors).toEqual([
      { pointer, message: `required property "${pointer.split('/').pop()}" is missing` },
    ]);
  });
});
