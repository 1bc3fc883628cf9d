/**
 * JSON Schemas for Kanboard webhook bodies. Kanboard sends database rows straight from PHP, so
 * numbers arrive as strings or integers depending on the code path (docs show `"task_id": "4"` and
 * `"task_id": 5`): ids accept both. Rows gain columns across versions, so objects stay open.
 */

const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

const id = { type: ['string', 'integer'] } as const;
const optionalId = { type: ['string', 'integer', 'null'] } as const;
const text = { type: 'string' } as const;
const optionalText = { type: ['string', 'null'] } as const;
/** Unix timestamps: strings from rows, integers from `changes`, null when unset. */
const timestamp = { type: ['string', 'integer', 'null'] } as const;
const flag = { type: ['string', 'integer', 'boolean'] } as const;

export const taskSchema = {
  type: 'object',
  required: ['id', 'title', 'project_id'],
  properties: {
    id,
    reference: optionalText,
    title: text,
    description: optionalText,
    date_creation: timestamp,
    date_completed: timestamp,
    date_modification: timestamp,
    date_due: timestamp,
    date_started: timestamp,
    time_estimated: { type: ['string', 'number'] },
    time_spent: { type: ['string', 'number'] },
    color_id: text,
    project_id: id,
    column_id: id,
    owner_id: id,
    creator_id: id,
    position: id,
    is_active: flag,
    score: id,
    category_id: id,
    priority: id,
    swimlane_id: id,
    date_moved: timestamp,
    recurrence_status: id,
    recurrence_trigger: id,
    recurrence_factor: id,
    recurrence_timeframe: id,
    recurrence_basedate: id,
    recurrence_parent: optionalId,
    recurrence_child: optionalId,
    category_name: optionalText,
    swimlane_name: optionalText,
    project_name: optionalText,
    default_swimlane: optionalText,
    column_title: optionalText,
    assignee_username: optionalText,
    assignee_name: optionalText,
    creator_username: optionalText,
    creator_name: optionalText,
  },
} as const;

const subtaskSchema = {
  type: 'object',
  required: ['id', 'title', 'task_id'],
  properties: {
    id,
    title: text,
    status: id,
    time_estimated: { type: ['string', 'number'] },
    time_spent: { type: ['string', 'number'] },
    task_id: id,
    user_id: optionalId,
    position: id,
    username: optionalText,
    name: optionalText,
    timer_start_date: timestamp,
    status_name: optionalText,
    is_timer_started: { type: 'boolean' },
  },
} as const;

const commentSchema = {
  type: 'object',
  required: ['id', 'task_id', 'comment'],
  properties: {
    id,
    task_id: id,
    user_id: optionalId,
    date_creation: timestamp,
    date_modification: timestamp,
    comment: text,
    reference: optionalText,
    username: optionalText,
    name: optionalText,
    email: optionalText,
    avatar_path: optionalText,
  },
} as const;

const fileSchema = {
  type: 'object',
  required: ['id', 'name', 'task_id'],
  properties: {
    id,
    name: text,
    path: text,
    is_image: flag,
    task_id: id,
    date: timestamp,
    user_id: optionalId,
    size: id,
  },
} as const;

const taskLinkSchema = {
  type: 'object',
  required: ['id', 'task_id', 'opposite_task_id', 'link_id'],
  properties: {
    id,
    opposite_task_id: id,
    task_id: id,
    link_id: id,
    label: optionalText,
    opposite_link_id: id,
  },
} as const;

const changesSchema = { type: 'object' } as const;

/** Extra values TaskPositionModel passes along with task.move.* events. */
const moveProperties = {
  project_id: id,
  position: id,
  column_id: id,
  swimlane_id: id,
  src_column_id: id,
  dst_column_id: id,
  date_moved: timestamp,
  recurrence_status: id,
  recurrence_trigger: id,
} as const;

export type KanboardFamily = 'task' | 'task-move' | 'subtask' | 'comment' | 'file' | 'link';

const EVENT_DATA: Record<KanboardFamily, Record<string, unknown>> = {
  task: {
    type: 'object',
    required: ['task_id', 'task'],
    properties: { task_id: id, task: taskSchema, changes: changesSchema },
  },
  'task-move': {
    type: 'object',
    required: ['task_id', 'task'],
    properties: { task_id: id, task: taskSchema, changes: changesSchema, ...moveProperties },
  },
  subtask: {
    type: 'object',
    required: ['subtask', 'task'],
    properties: { subtask: subtaskSchema, task: taskSchema, changes: changesSchema },
  },
  comment: {
    type: 'object',
    required: ['comment', 'task'],
    properties: { comment: commentSchema, task: taskSchema },
  },
  file: {
    type: 'object',
    required: ['file', 'task'],
    properties: { file: fileSchema, task: taskSchema },
  },
  link: {
    type: 'object',
    required: ['task_link', 'task'],
    properties: { task_link: taskLinkSchema, task: taskSchema },
  },
};

/** Envelope `{event_name, event_data, event_author}`; event_author exists since v1.2.1 only. */
export function kanboardSchema(eventName: string, family: KanboardFamily): Record<string, unknown> {
  return {
    $schema: SCHEMA_DIALECT,
    title: `Kanboard ${eventName}`,
    type: 'object',
    required: ['event_name', 'event_data'],
    properties: {
      event_name: { const: eventName },
      event_data: EVENT_DATA[family],
      event_author: optionalText,
    },
  };
}
