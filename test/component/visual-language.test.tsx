// One visual language (issue 17, item 12): labels in words, labelled annotation fields, one time
// format.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateMinute, formatDateTime } from '../../renderer/src/lib/format';
import { makeDeliveries } from './support/make-delivery';
import { renderApp, stubInboxViewport } from './support/render-app';

let restoreViewport: () => void;
beforeEach(() => {
  restoreViewport = stubInboxViewport(600);
});
afterEach(() => {
  cleanup();
  restoreViewport();
});

describe('labels in words', () => {
  it('names the filters and the annotation fields in words, visibly', async () => {
    await renderApp(makeDeliveries(2));
    expect(screen.getByLabelText('Filter by response status')).toBeTruthy();
    expect(screen.getByText(/Pinned only/)).toBeTruthy();
    fireEvent.mouseDown(screen.getAllByTestId('delivery-row')[0]!);
    const bar = await screen.findByTestId('annotation-bar');
    // A visible label beside each field, not only a placeholder that goes away on typing.
    const labels = within(bar).getByTestId('labels-input').closest('label');
    const note = within(bar).getByTestId('note-input').closest('label');
    expect(labels?.textContent).toContain('Labels');
    expect(note?.textContent).toContain('Note');
  });
});

describe('one time format', () => {
  it('writes dates and times the way the Inbox does: 24-hour, year first', () => {
    const ms = new Date(2026, 0, 5, 17, 4, 9, 7).getTime();
    expect(formatDateTime(ms)).toBe('2026-01-05 17:04:09.007');
    expect(formatDate(ms)).toBe('2026-01-05');
    expect(formatDateMinute(ms)).toBe('2026-01-05 17:04');
  });
});
