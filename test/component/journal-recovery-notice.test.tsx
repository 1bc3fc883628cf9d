import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

afterEach(cleanup);

const damaged = {
  journal: '4242-abc-1.journal',
  recovered: 999,
  dropped: 1,
  movedTo: '/data/hookscope.db-captures/damaged/4242-abc-1.journal',
  message:
    'capture journal /data/hookscope.db-captures/4242-abc-1.journal: recovered 999, dropped 1 ' +
    'damaged record at byte 4660 (466 bytes); the journal was moved to ' +
    '/data/hookscope.db-captures/damaged/4242-abc-1.journal',
};

describe('journal recovery notice (status bar)', () => {
  it('stays hidden while no recovered journal was damaged', async () => {
    await renderApp();
    expect(screen.queryByTestId('journal-recovery-notice')).toBeNull();
  });

  it('says how many deliveries were recovered and lost, and where the journal was kept', async () => {
    const { bridge } = await renderApp();
    // A journal damaged on disk is what makes the engine say this; the push is stood in for.
    act(() => bridge.emit('stats:changed', { count: 999, bytes: 9990, journalDamage: [damaged] }));
    const notice = screen.getByTestId('journal-recovery-notice');
    expect(notice.textContent).toContain('recovered 999, lost 1 record');
    expect(notice.textContent).toContain('damaged/4242-abc-1.journal');
    expect(notice.getAttribute('title')).toBe(damaged.message);
    fireEvent.click(screen.getByRole('button', { name: /dismiss the journal damage notice/i }));
    expect(screen.queryByTestId('journal-recovery-notice')).toBeNull();
  });
});
