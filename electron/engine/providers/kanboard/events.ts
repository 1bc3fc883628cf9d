import type { EventDefinition } from '../types';
import { kanboardSchema, type KanboardFamily } from './schemas';
import { kanboardTemplates } from './templates';

/**
 * The 19 event names Kanboard's code sends to the webhook (NotificationSubscriber + NotificationJob).
 * The docs list `file.create` (renamed to `task.file.create` in v1.0.26) and omit
 * `task.file.destroy`; the code wins.
 */
const KANBOARD_EVENT_LIST: ReadonlyArray<
  [name: string, family: KanboardFamily, description: string]
> = [
  ['task.create', 'task', 'A task was created.'],
  ['task.update', 'task', 'A task was modified; `changes` holds the new values.'],
  ['task.close', 'task', 'A task was closed.'],
  ['task.open', 'task', 'A closed task was reopened.'],
  ['task.move.column', 'task-move', 'A task moved to another column.'],
  ['task.move.project', 'task', 'A task moved to another project.'],
  ['task.move.position', 'task-move', 'A task changed position within its column.'],
  ['task.move.swimlane', 'task-move', 'A task moved to another swimlane.'],
  ['task.assignee_change', 'task', 'A task was assigned to someone else.'],
  ['subtask.create', 'subtask', 'A subtask was created.'],
  ['subtask.update', 'subtask', 'A subtask was modified.'],
  ['subtask.delete', 'subtask', 'A subtask was removed.'],
  ['comment.create', 'comment', 'A comment was added to a task.'],
  ['comment.update', 'comment', 'A comment was edited.'],
  ['comment.delete', 'comment', 'A comment was removed.'],
  ['task.file.create', 'file', 'A file was attached to a task (docs call it file.create).'],
  ['task.file.destroy', 'file', 'A file was removed from a task (missing from the docs).'],
  ['task_internal_link.create_update', 'link', 'A link between two tasks was created or changed.'],
  ['task_internal_link.delete', 'link', 'A link between two tasks was removed.'],
];

export const KANBOARD_EVENT_NAMES: readonly string[] = KANBOARD_EVENT_LIST.map(([name]) => name);

export const kanboardEvents: readonly EventDefinition[] = KANBOARD_EVENT_LIST.map(
  ([name, family, description]) => ({
    name,
    description,
    schema: kanboardSchema(name, family),
    template: kanboardTemplates[name],
  }),
);
