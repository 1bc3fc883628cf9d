// Column layout shared by the header and the rows (one CSS grid template for both).

import type { OptionalColumnFlags } from '../../store/selectors';

/** Fixed, so the virtualizer never measures a row. */
export const ROW_HEIGHT = 30;

export function gridTemplate(columns: OptionalColumnFlags): string {
  return [
    '88px', // time
    '64px', // method
    'minmax(84px, 1fr)', // path
    columns.provider ? '92px' : null,
    columns.event ? 'minmax(64px, 0.45fr)' : null,
    // Wide enough for the longest badge, `unsigned`.
    columns.verdict ? '76px' : null,
    '54px', // status
    '58px', // size
  ]
    .filter((width) => width !== null)
    .join(' ');
}
