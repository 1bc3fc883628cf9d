/**
 * Realistic Kanboard bodies, shaped like what `json_encode` produces from the EventBuilders:
 * row values are strings, a few computed values are integers.
 */

export function taskRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '5',
    reference: '',
    title: 'Prepare release notes',
    description: 'Collect the changes merged since the last tag.',
    date_creation: '1769940000',
    date_completed: null,
    date_modification: '1769943600',
    date_due: '1770336000',
    date_started: '0',
    time_estimated: '2',
    time_spent: '0',
    color_id: 'yellow',
    project_id: '1',
    column_id: '2',
    owner_id: '1',
    creator_id: '1',
    position: '1',
    is_active: '1',
    score: '3',
    category_id: '0',
    priority: '2',
    swimlane_id: '1',
    date_moved: '1769940000',
    recurrence_status: '0',
    recurrence_trigger: '0',
    recurrence_factor: '0',
    recurrence_timeframe: '0',
    recurrence_basedate: '0',
    recurrence_parent: null,
    recurrence_child: null,
    category_name: null,
    swimlane_name: 'Default swimlane',
    project_name: 'Website',
    default_swimlane: 'Default swimlane',
    column_title: 'Ready',
    assignee_username: 'admin',
    assignee_name: null,
    creator_username: 'admin',
    creator_name: null,
    ...overrides,
  };
}

const subtaskRow = {
  id: '12',
  title: 'Draft the changelog section',
  status: '0',
  time_estimated: '1',
  time_spent: '0',
  task_id: '5',
  user_id: '1',
  position: '1',
  username: 'admin',
  name: null,
  timer_start_date: 0,
  status_name: 'Todo',
  is_timer_started: false,
};

const commentRow = {
  id: '31',
  task_id: '5',
  user_id: '1',
  date_creation: '1769944000',
  date_modification: '1769944000',
  comment: 'Release notes draft is in the shared folder.',
  reference: '',
  visibility: 'app-user',
  username: 'admin',
  name: null,
  email: null,
  avatar_path: null,
};

const fileRow = {
  id: '7',
  name: 'release-notes.pdf',
  path: 'tasks/5/1f0c6e4b2f7d9a3e8c5b1a7d6e4f2c9b8a7d6e5f',
  is_image: '0',
  task_id: '5',
  date: '1769944500',
  user_id: '1',
  size: '48213',
  // md5(path), added by FileModel::getById.
  etag: '671add1552bee170b4a618075c64c767',
};

const taskLinkRow = {
  id: '3',
  opposite_task_id: '4',
  task_id: '5',
  link_id: '3',
  label: 'is blocked by',
  opposite_link_id: '2',
};

function envelope(eventName: string, eventData: Record<string, unknown>): Record<string, unknown> {
  return { event_name: eventName, event_data: eventData, event_author: 'admin' };
}

function moveData(changes: Record<string, unknown>, task: Record<string, unknown>) {
  return {
    task_id: '5',
    task: taskRow(task),
    changes,
    project_id: '1',
    position: 1,
    column_id: task['column_id'] ?? '2',
    swimlane_id: task['swimlane_id'] ?? '1',
    src_column_id: '2',
    dst_column_id: task['column_id'] ?? '2',
    date_moved: '1769945000',
    recurrence_status: '0',
    recurrence_trigger: '0',
  };
}

export const kanboardTemplates: Record<string, Record<string, unknown>> = {
  'task.create': envelope('task.create', { task_id: 5, task: taskRow() }),
  'task.update': envelope('task.update', {
    task_id: '5',
    task: taskRow({ color_id: 'purple' }),
    changes: { color_id: 'purple', date_due: 1770336000 },
  }),
  'task.close': envelope('task.close', {
    task_id: '5',
    task: taskRow({ is_active: '0', date_completed: '1769950000' }),
  }),
  'task.open': envelope('task.open', { task_id: '5', task: taskRow() }),
  'task.move.column': envelope(
    'task.move.column',
    moveData(
      { src_column_id: '2', dst_column_id: '3', date_moved: '1769945000' },
      {
        column_id: '3',
        column_title: 'Work in progress',
      },
    ),
  ),
  'task.move.project': envelope('task.move.project', {
    task_id: '5',
    task: taskRow({ project_id: '2', project_name: 'Mobile app' }),
    changes: { project_id: '2' },
  }),
  'task.move.position': envelope(
    'task.move.position',
    moveData({ src_position: '1', dst_position: '2' }, { position: '2' }),
  ),
  'task.move.swimlane': envelope(
    'task.move.swimlane',
    moveData(
      { src_swimlane_id: '1', dst_swimlane_id: '2' },
      {
        swimlane_id: '2',
        swimlane_name: 'Urgent',
      },
    ),
  ),
  'task.assignee_change': envelope('task.assignee_change', {
    task_id: '5',
    task: taskRow({ owner_id: '2', assignee_username: 'jane', assignee_name: 'Jane Doe' }),
    changes: { owner_id: '2' },
  }),
  'subtask.create': envelope('subtask.create', { subtask: subtaskRow, task: taskRow() }),
  'subtask.update': envelope('subtask.update', {
    subtask: { ...subtaskRow, status: '1', status_name: 'In progress' },
    changes: { status: 1 },
    task: taskRow(),
  }),
  'subtask.delete': envelope('subtask.delete', { subtask: subtaskRow, task: taskRow() }),
  'comment.create': envelope('comment.create', { comment: commentRow, task: taskRow() }),
  'comment.update': envelope('comment.update', {
    comment: { ...commentRow, comment: 'Draft moved to the release folder.' },
    task: taskRow(),
  }),
  'comment.delete': envelope('comment.delete', { comment: commentRow, task: taskRow() }),
  'task.file.create': envelope('task.file.create', { file: fileRow, task: taskRow() }),
  'task.file.destroy': envelope('task.file.destroy', { file: fileRow, task: taskRow() }),
  'task_internal_link.create_update': envelope('task_internal_link.create_update', {
    task_link: taskLinkRow,
    task: taskRow(),
  }),
  'task_internal_link.delete': envelope('task_internal_link.delete', {
    task_link: taskLinkRow,
    task: taskRow(),
  }),
};
