import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

afterEach(cleanup);

const damage = {
  problems: ['Tree 2 page 57 cell 3: invalid page number 2779096485'],
  checkedInMs: 41,
  repairCommand: 'hookscope repair --data-dir "/data/hooks"',
  message:
    'hookscope: WARNING: the database /data/hooks/hookscope.db is damaged (PRAGMA quick_check: ' +
    'Tree 2 page 57 cell 3: invalid page number 2779096485). Stop Hookscope and run: ' +
    'hookscope repair --data-dir "/data/hooks"',
};

describe('database damage notice (status bar)', () => {
  it('stays hidden while the database is healthy', async () => {
    await renderApp();
    expect(screen.queryByTestId('database-damage-notice')).toBeNull();
  });

  it('says the database is damaged and gives the repair command', async () => {
    const { bridge } = await renderApp();
    // A damaged SQLite file is what makes the engine say this; the push is stood in for.
    act(() => bridge.emit('stats:changed', { count: 5, bytes: 50, databaseDamage: damage }));
    const notice = screen.getByTestId('database-damage-notice');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('Database damaged');
    expect(notice.textContent).toContain('hookscope repair --data-dir "/data/hooks"');
    expect(notice.getAttribute('title')).toContain('Tree 2 page 57');
  });
});
