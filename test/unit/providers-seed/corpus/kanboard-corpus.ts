// What Kanboard (kanboard/kanboard@2cba210d) can put on the wire for each of its 19 webhook events,
// per database driver and PHP version (docs/providers/kanboard.md, "Database type matrix").
import { phpJsonEncode, type CorpusItem } from './judge';

/**
 * How a driver returns a column:
 * - `strings`: pdo_sqlite / pdo_mysql before PHP 8.1: every value is text.
 * - `native`: pdo_sqlite / pdo_mysql on PHP >= 8.1: integers and floats as numbers.
 * - `postgres`: pdo_pgsql: integers as numbers, BOOLEAN as true/false, FLOAT as text.
 * - `postgres-float`: the same with FLOAT as a number (newer pdo_pgsql).
 */
export const DRIVERS = ['strings', 'native', 'postgres', 'postgres-float'] as const;
export type Driver = (typeof DRIVERS)[number];

/** Column kinds, after app/Schema/{Sqlite,Mysql,Postgres}.php. */
type Cell =
  | { kind: 'int'; value: number | null }
  | { kind: 'float'; value: number | null }
  | { kind: 'flag'; value: 0 | 1 | null }
  | { kind: 'text'; value: string | null }
  | { kind: 'php'; value: unknown };

const int = (value: number | null): Cell => ({ kind: 'int', value });
const float = (value: number | null): Cell => ({ kind: 'float', value });
const flag = (value: 0 | 1 | null): Cell => ({ kind: 'flag', value });
const text = (value: string | null): Cell => ({ kind: 'text', value });
/** A value PHP computed itself (not read from the database): its type does not depend on the driver. */
const php = (value: unknown): Cell => ({ kind: 'php', value });

function render(cell: Cell, driver: Driver): unknown {
  const { value } = cell;
  if (value === null) return null;
  switch (cell.kind) {
    case 'int':
      return driver === 'strings' ? String(value) : value;
    case 'float':
      return driver === 'strings' || driver === 'postgres' ? String(value) : value;
    case 'flag':
      if (driver === 'postgres' || driver === 'postgres-float') return value === 1;
      return driver === 'strings' ? String(value) : value;
    case 'text':
    case 'php':
      return value;
  }
}

type Row = Record<string, Cell>;

function renderRow(row: Row, driver: Driver): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, cell]) => [key, render(cell, driver)]));
}

/** Which optional values a row carries: all set, every nullable one null, or non-ASCII text. */
export const SHAPES = ['populated', 'nulls', 'unicode'] as const;
export type Shape = (typeof SHAPES)[number];

const UNICODE_TITLE = 'Préparer la démo — 日本語 ✓ 🚀 עברית';
const UNICODE_TEXT = 'Crème brûlée / naïve façade\nZeile 2: Größe ≥ 10 µm 😀';

/** TaskFinderModel::getDetails: `tasks.*` (Sqlite.php version_125) plus LEFT JOINed names. */
function taskRow(shape: Shape, overrides: Row = {}): Row {
  const nulls = shape === 'nulls';
  const unicode = shape === 'unicode';
  return {
    id: int(5),
    title: text(unicode ? UNICODE_TITLE : 'Prepare release notes'),
    description: text(nulls ? null : unicode ? UNICODE_TEXT : 'Collect the changes.'),
    date_creation: int(1769940000),
    color_id: text(nulls ? null : 'yellow'),
    project_id: int(1),
    column_id: int(nulls ? null : 2),
    owner_id: int(nulls ? null : 1),
    position: int(nulls ? null : 1),
    is_active: flag(nulls ? null : 1),
    date_completed: int(null),
    score: int(nulls ? null : 3),
    date_due: int(nulls ? null : 1770336000),
    category_id: int(nulls ? null : 0),
    creator_id: int(nulls ? null : 1),
    date_modification: int(nulls ? null : 1769943600),
    reference: text(nulls ? null : unicode ? 'réf-№42' : ''),
    date_started: int(nulls ? null : 0),
    // The issue-12 case: a task created through the JSON-RPC API stores NULL here.
    time_spent: float(nulls ? null : unicode ? 1.5 : 0),
    time_estimated: float(nulls ? null : unicode ? 2.75 : 2),
    swimlane_id: int(nulls ? null : 1),
    date_moved: int(nulls ? null : 1769940000),
    recurrence_status: int(0),
    recurrence_trigger: int(0),
    recurrence_factor: int(0),
    recurrence_timeframe: int(0),
    recurrence_basedate: int(0),
    recurrence_parent: int(nulls ? null : 4),
    recurrence_child: int(null),
    priority: int(nulls ? null : 2),
    external_provider: text(nulls ? null : 'web'),
    external_uri: text(nulls ? null : 'https://example.org/issue/1'),
    category_name: text(nulls ? null : unicode ? 'Catégorie' : 'Docs'),
    swimlane_name: text(nulls ? null : 'Default swimlane'),
    project_name: text(nulls ? null : unicode ? 'Projet été ☀' : 'Website'),
    column_title: text(nulls ? null : 'Ready'),
    assignee_username: text(nulls ? null : unicode ? 'josé' : 'admin'),
    assignee_name: text(nulls ? null : unicode ? 'José Ñúñez' : 'Admin'),
    creator_username: text(nulls ? null : 'admin'),
    creator_name: text(null),
    category_description: text(nulls ? null : ''),
    column_position: int(nulls ? null : 2),
    ...overrides,
  };
}

/** SubtaskModel::getByIdWithDetails through SubtaskListFormatter. */
function subtaskRow(shape: Shape): Row {
  const nulls = shape === 'nulls';
  return {
    id: int(12),
    title: text(shape === 'unicode' ? 'Écrire le résumé ✍' : 'Draft the changelog'),
    status: int(nulls ? null : 0),
    time_estimated: float(nulls ? null : 1.25),
    time_spent: float(nulls ? null : 0),
    task_id: int(5),
    user_id: int(nulls ? null : 1),
    position: int(nulls ? null : 1),
    username: text(nulls ? null : 'admin'),
    name: text(null),
    // The timer subquery's value, or the formatter's 0.
    timer_start_date: nulls ? php(0) : int(1769944000),
    status_name: php(nulls ? 'Todo' : 'In progress'),
    is_timer_started: php(!nulls),
  };
}

/** CommentModel::getById. */
function commentRow(shape: Shape): Row {
  const nulls = shape === 'nulls';
  return {
    id: int(31),
    task_id: int(5),
    user_id: int(nulls ? null : 1),
    date_creation: int(1769944000),
    date_modification: int(nulls ? null : 1769944100),
    comment: text(shape === 'unicode' ? UNICODE_TEXT : 'Draft is in the shared folder.'),
    reference: text(nulls ? null : ''),
    visibility: text('app-user'),
    username: text(nulls ? null : 'admin'),
    name: text(null),
    email: text(nulls ? null : 'admin@example.org'),
    avatar_path: text(null),
  };
}

/** FileModel::getById: the file row plus `etag` = md5(path). */
function fileRow(shape: Shape): Row {
  const nulls = shape === 'nulls';
  return {
    id: int(7),
    name: text(shape === 'unicode' ? 'compte-rendu été 2026 ✓.pdf' : 'release-notes.pdf'),
    path: text(nulls ? null : 'tasks/5/1f0c6e4b2f7d9a3e8c5b1a7d6e4f2c9b8a7d6e5f'),
    is_image: flag(nulls ? null : 0),
    task_id: int(5),
    date: int(1769944500),
    user_id: int(0),
    size: int(48213),
    // md5('') when the path is NULL: PHP's md5(null) hashes the empty string.
    etag: php(nulls ? 'd41d8cd98f00b204e9800998ecf8427e' : '671add1552bee170b4a618075c64c767'),
  };
}

/** TaskLinkModel::getById. */
function taskLinkRow(shape: Shape): Row {
  const nulls = shape === 'nulls';
  return {
    id: int(3),
    opposite_task_id: int(4),
    task_id: int(5),
    link_id: int(3),
    label: text(nulls ? null : shape === 'unicode' ? 'est bloqué par' : 'is blocked by'),
    opposite_link_id: int(nulls ? null : 2),
  };
}

type Family = 'task' | 'task-move' | 'subtask' | 'comment' | 'file' | 'link';

const EVENTS: ReadonlyArray<[string, Family]> = [
  ['task.create', 'task'],
  ['task.update', 'task'],
  ['task.close', 'task'],
  ['task.open', 'task'],
  ['task.move.column', 'task-move'],
  ['task.move.project', 'task'],
  ['task.move.position', 'task-move'],
  ['task.move.swimlane', 'task-move'],
  ['task.assignee_change', 'task'],
  ['subtask.create', 'subtask'],
  ['subtask.update', 'subtask'],
  ['subtask.delete', 'subtask'],
  ['comment.create', 'comment'],
  ['comment.update', 'comment'],
  ['comment.delete', 'comment'],
  ['task.file.create', 'file'],
  ['task.file.destroy', 'file'],
  ['task_internal_link.create_update', 'link'],
  ['task_internal_link.delete', 'link'],
];

export const KANBOARD_CORPUS_EVENTS: readonly string[] = EVENTS.map(([name]) => name);

/**
 * `changes` as TaskEventBuilder / SubtaskEventBuilder compute it: `array_diff_assoc` of the values
 * the model passed (form input: text or integers) against the row; `[]` when nothing differs.
 */
function changesFor(event: string, shape: Shape): unknown {
  if (shape === 'nulls') return [];
  switch (event) {
    case 'task.update':
      return {
        color_id: 'purple',
        date_due: 1770336000,
        title: shape === 'unicode' ? UNICODE_TITLE : 'x',
      };
    case 'task.move.project':
      return { project_id: '2', column_id: 7, swimlane_id: 3, position: 1 };
    case 'task.assignee_change':
      return { owner_id: '2' };
    case 'subtask.update':
      return { status: 1, user_id: '2' };
    default:
      return undefined;
  }
}

function eventData(
  event: string,
  family: Family,
  shape: Shape,
  driver: Driver,
): Record<string, unknown> {
  const task = renderRow(taskRow(shape), driver);
  // TaskCreationModel hands the job lastInsertId (text); the other models hand `$task['id']`.
  const taskId = event === 'task.create' ? '5' : render(int(5), driver);
  const changes = changesFor(event, shape);
  switch (family) {
    case 'task':
      return { task_id: taskId, task, ...(changes === undefined ? {} : { changes }) };
    case 'task-move': {
      // TaskPositionModel::fireEvents merges these values into the event data.
      const moved = {
        project_id: render(int(1), driver),
        position: shape === 'unicode' ? '2' : 2,
        column_id: 3,
        swimlane_id: render(int(1), driver),
        src_column_id: render(int(2), driver),
        dst_column_id: 3,
        date_moved: render(int(shape === 'nulls' ? null : 1769940000), driver),
        recurrence_status: render(int(0), driver),
        recurrence_trigger: render(int(0), driver),
      };
      const diff = shape === 'nulls' ? [] : { column_id: 3, dst_column_id: 3, position: 2 };
      return { task_id: taskId, task, changes: diff, ...moved };
    }
    case 'subtask':
      return {
        subtask: renderRow(subtaskRow(shape), driver),
        ...(changes === undefined ? {} : { changes }),
        task,
      };
    case 'comment':
      return { comment: renderRow(commentRow(shape), driver), task };
    case 'file':
      return { file: renderRow(fileRow(shape), driver), task };
    case 'link':
      return { task_link: renderRow(taskLinkRow(shape), driver), task };
  }
}

/** WebhookNotification::notifyProject's envelope, json_encoded as PHP does. */
export function kanboardBody(event: string, shape: Shape, driver: Driver): string {
  const family = EVENTS.find(([name]) => name === event)?.[1];
  if (!family) throw new Error(`no Kanboard event ${event}`);
  return phpJsonEncode({
    event_name: event,
    event_data: eventData(event, family, shape, driver),
    // Null outside a user session (JSON-RPC API, CLI, cron).
    event_author: shape === 'nulls' ? null : shape === 'unicode' ? 'josé' : 'admin',
  });
}

export function kanboardCorpus(): CorpusItem[] {
  const items: CorpusItem[] = [];
  for (const [event] of EVENTS) {
    for (const driver of DRIVERS) {
      for (const shape of SHAPES) {
        items.push({
          label: `${event} ${driver} ${shape}`,
          event,
          body: kanboardBody(event, shape, driver),
        });
      }
    }
  }
  // PHP >= 7.1 json_encode writes an integral float with a fraction (`2.0`); and before v1.2.1
  // there was no event_author at all.
  const native = kanboardBody('task.create', 'populated', 'native');
  items.push({
    label: 'task.create native floats written as 2.0',
    event: 'task.create',
    body: native
      .replace('"time_estimated":2', '"time_estimated":2.0')
      .replace('"time_spent":0', '"time_spent":0.0'),
  });
  const legacy = JSON.parse(kanboardBody('comment.create', 'populated', 'strings')) as Record<
    string,
    unknown
  >;
  delete legacy['event_author'];
  items.push({
    label: 'comment.create before v1.2.1 (no event_author)',
    event: 'comment.create',
    body: phpJsonEncode(legacy),
  });
  return items;
}
