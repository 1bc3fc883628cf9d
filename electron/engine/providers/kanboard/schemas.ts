/**
 * JSON Schemas for Kanboard webhook bodies, derived from kanboard/kanboard@2cba210d (v1.2.53).
 * docs/providers/kanboard.md has the full derivation and the database type matrix.
 *
 * Kanboard json_encodes database rows as PDO returns them, so one column's JSON type depends on
 * the database and the PHP version of the sender:
 * - SQLite / MySQL on PHP < 8.1: every value is a string ("5", "2.5"); on PHP >= 8.1 integers and
 *   floats come back as numbers (pdo_sqlite / pdo_mysql native types).
 * - PostgreSQL: INTEGER/SMALLINT/BIGINT are integers, BOOLEAN (tasks.is_active, files.is_image) is
 *   true/false, FLOAT may be a number or its text depending on the PHP version.
 * - ids handed over by the models themselves (lastInsertId, `$task['id']`) are strings or integers.
 * So an INTEGER column is "integer or decimal-integer string", a FLOAT/NUMERIC column "number or
 * numeric string", and a column without NOT NULL (in any of app/Schema/Sqlite.php, Mysql.php,
 * Postgres.php), or one a LEFT JOIN fills, may also be null. Strict only where the code guarantees
 * a value: NOT NULL columns, `title` (TaskCreationModel::prepare sets "Untitled" when empty) and
 * `project_id` (NotificationJob::execute dereferences it, so no webhook leaves without one).
 * Rows gain columns across versions, so objects stay open and only the guaranteed keys are required.
 */

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A PDO integer rendered as text: what PHP < 8.1 drivers return for INTEGER columns. */
const INTEGER_TEXT = '^-?[0-9]+$';
/** A FLOAT/NUMERIC/REAL column as text ("2", "2.5", PostgreSQL "1e+20"). */
const NUMBER_TEXT = '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$';

/** `pattern` applies to strings only, so these accept a number or its exact decimal text. */
const int = { type: ['string', 'integer'], pattern: INTEGER_TEXT } as const;
const intOrNull = { type: ['string', 'integer', 'null'], pattern: INTEGER_TEXT } as const;
const numOrNull = { type: ['string', 'number', 'null'], pattern: NUMBER_TEXT } as const;
/** INTEGER 0/1 on SQLite and MySQL (TINYINT), BOOLEAN on PostgreSQL. */
const flagOrNull = {
  type: ['string', 'integer', 'boolean', 'null'],
  pattern: INTEGER_TEXT,
} as const;
const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;
/**
 * `changes` is `array_diff_assoc($changes, $task)`: values as the form or model gave them (any
 * type), and an empty diff is json_encoded as `[]`, not `{}`
 * (app/EventBuilder/TaskEventBuilder.php:102-124, SubtaskEventBuilder.php:63-79).
 */
const changesSchema = { type: ['object', 'array'], maxItems: 0 } as const;

/**
 * `TaskFinderModel::getDetails` (app/Model/TaskFinderModel.php:284-308): `tasks.*` plus LEFT JOINed
 * names. Columns: app/Schema/Sqlite.php version_125 (lines 46-89, the current `tasks` table),
 * Postgres.php 1396-1413 and later ALTERs (is_active BOOLEAN, title nullable), Mysql.php likewise.
 * `time_estimated` / `time_spent` are NUMERIC/FLOAT with a DEFAULT but no NOT NULL: a task created
 * through the JSON-RPC API with those omitted stores NULL (ModelHelper::resetFields leaves null alone).
 */
export const taskSchema = {
  type: 'object',
  required: ['id', 'title', 'project_id'],
  properties: {
    id: int,
    title: text,
    description: textOrNull,
    date_creation: intOrNull,
    color_id: textOrNull,
    project_id: int,
    column_id: intOrNull,
    owner_id: intOrNull,
    position: intOrNull,
    is_active: flagOrNull,
    date_completed: intOrNull,
    score: intOrNull,
    date_due: intOrNull,
    category_id: intOrNull,
    creator_id: intOrNull,
    date_modification: intOrNull,
    reference: textOrNull,
    date_started: intOrNull,
    time_spent: numOrNull,
    time_estimated: numOrNull,
    swimlane_id: intOrNull,
    date_moved: intOrNull,
    // NOT NULL DEFAULT 0 in all three schemas (Sqlite.php:779-783, Postgres.php:798ff, Mysql.php:919ff).
    recurrence_status: int,
    recurrence_trigger: int,
    recurrence_factor: int,
    recurrence_timeframe: int,
    recurrence_basedate: int,
    recurrence_parent: intOrNull,
    recurrence_child: intOrNull,
    priority: intOrNull,
    external_provider: textOrNull,
    external_uri: textOrNull,
    // LEFT JOINs: null when the category / swimlane / assignee / creator is missing.
    category_name: textOrNull,
    swimlane_name: textOrNull,
    project_name: textOrNull,
    column_title: textOrNull,
    assignee_username: textOrNull,
    assignee_name: textOrNull,
    creator_username: textOrNull,
    creator_name: textOrNull,
    category_description: textOrNull,
    column_position: intOrNull,
  },
} as const;

/**
 * `SubtaskModel::getByIdWithDetails` (app/Model/SubtaskModel.php:78-90, 177-188) through
 * SubtaskListFormatter::format: `subtasks.*` (Sqlite.php version_18, lines 1302-1316, + position),
 * joined user `username`/`name`, `timer_start_date` (subquery value, else 0), `status_name`,
 * `is_timer_started` (a PHP bool).
 */
const subtaskSchema = {
  type: 'object',
  required: ['id', 'title', 'task_id'],
  properties: {
    id: int,
    title: text,
    status: intOrNull,
    time_estimated: numOrNull,
    time_spent: numOrNull,
    task_id: int,
    user_id: intOrNull,
    position: intOrNull,
    username: textOrNull,
    name: textOrNull,
    timer_start_date: intOrNull,
    status_name: textOrNull,
    is_timer_started: { type: 'boolean' },
  },
} as const;

/**
 * `CommentModel::getById` (app/Model/CommentModel.php:103-124): the comments table
 * (Sqlite.php version_72, lines 701-727; date_modification since version_109, visibility since
 * version_128, NOT NULL) and the LEFT JOINed author.
 */
const commentSchema = {
  type: 'object',
  required: ['id', 'task_id', 'comment'],
  properties: {
    id: int,
    task_id: int,
    user_id: intOrNull,
    date_creation: int,
    date_modification: intOrNull,
    comment: text,
    reference: textOrNull,
    visibility: text,
    username: textOrNull,
    name: textOrNull,
    email: textOrNull,
    avatar_path: textOrNull,
  },
} as const;

/**
 * `FileModel::getById` (app/Model/FileModel.php:96-103): the task file row (Sqlite.php version_17,
 * lines 1319-1331; date/user_id/size NOT NULL since lines 822-824) plus `etag` = md5(path).
 */
const fileSchema = {
  type: 'object',
  required: ['id', 'name', 'task_id'],
  properties: {
    id: int,
    name: text,
    path: textOrNull,
    is_image: flagOrNull,
    task_id: int,
    date: int,
    user_id: int,
    size: int,
    etag: { type: 'string', pattern: '^[0-9a-f]{32}$' },
  },
} as const;

/**
 * `TaskLinkModel::getById` (app/Model/TaskLinkModel.php:54-69): task_has_links (NOT NULL ids,
 * Sqlite.php version_45, lines 938-955) and the LEFT JOINed link `label` / `opposite_id`.
 */
const taskLinkSchema = {
  type: 'object',
  required: ['id', 'task_id', 'opposite_task_id', 'link_id'],
  properties: {
    id: int,
    opposite_task_id: int,
    task_id: int,
    link_id: int,
    label: textOrNull,
    opposite_link_id: intOrNull,
  },
} as const;

/**
 * The values TaskPositionModel::fireEvents (app/Model/TaskPositionModel.php:269-314) merges into
 * task.move.column / .position / .swimlane event data: the old row's values or the new ids given
 * by the caller (integers or strings).
 */
const moveProperties = {
  project_id: int,
  position: intOrNull,
  column_id: intOrNull,
  swimlane_id: intOrNull,
  src_column_id: intOrNull,
  dst_column_id: intOrNull,
  date_moved: intOrNull,
  recurrence_status: int,
  recurrence_trigger: int,
} as const;

export type KanboardFamily = 'task' | 'task-move' | 'subtask' | 'comment' | 'file' | 'link';

/** `event_data` per EventBuilder (app/EventBuilder/*.php `buildEvent`). */
const EVENT_DATA: Record<KanboardFamily, Record<string, unknown>> = {
  // TaskEventBuilder.php:102-124: task_id as given to the job (lastInsertId or `$task['id']`).
  task: {
    type: 'object',
    required: ['task_id', 'task'],
    properties: { task_id: int, task: taskSchema, changes: changesSchema },
  },
  'task-move': {
    type: 'object',
    required: ['task_id', 'task'],
    properties: { task_id: int, task: taskSchema, changes: changesSchema, ...moveProperties },
  },
  // SubtaskEventBuilder.php:63-79.
  subtask: {
    type: 'object',
    required: ['subtask', 'task'],
    properties: { subtask: subtaskSchema, task: taskSchema, changes: changesSchema },
  },
  // CommentEventBuilder.php:36-48.
  comment: {
    type: 'object',
    required: ['comment', 'task'],
    properties: { comment: commentSchema, task: taskSchema },
  },
  // TaskFileEventBuilder.php:37-50.
  file: {
    type: 'object',
    required: ['file', 'task'],
    properties: { file: fileSchema, task: taskSchema },
  },
  // TaskLinkEventBuilder.php:36-49.
  link: {
    type: 'object',
    required: ['task_link', 'task'],
    properties: { task_link: taskLinkSchema, task: taskSchema },
  },
};

/**
 * Envelope built by WebhookNotification::notifyProject (app/Notification/WebhookNotification.php:
 * 36-61): `event_author` is the session's username, or null outside a session (API, CLI, cron); it
 * exists since v1.2.1 only, so it is not required.
 */
export function kanboardSchema(eventName: string, family: KanboardFamily): Record<string, unknown> {
  return {
    $schema: SCHEMA_DIALECT,
    title: `Kanboard ${eventName}`,
    type: 'object',
    required: ['event_name', 'event_data'],
    properties: {
      event_name: { const: eventName },
      event_data: EVENT_DATA[family],
      event_author: textOrNull,
    },
  };
}
