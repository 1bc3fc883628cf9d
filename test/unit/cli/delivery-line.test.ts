import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../electron/contract/delivery';
import { formatDeliveryLine, formatSize } from '../../../electron/cli/delivery-line';

const summary = (over: Partial<DeliverySummary> = {}): DeliverySummary => ({
  id: '01J0000000000000000000000A',
  seq: 1,
  receivedAt: new Date(2025, 0, 2, 14, 3, 7, 45).getTime(),
  endpoint: null,
  method: 'POST',
  target: '/kanboard?token=x',
  size: 512,
  truncated: false,
  contentType: 'application/json',
  responseStatus: 200,
  via: 'local',
  provider: null,
  event: null,
  handshake: false,
  badge: 'none',
  ...over,
});

describe('formatDeliveryLine', () => {
  it('shows time, method, target, size and answer', () => {
    expect(formatDeliveryLine(summary())).toBe(
      '14:03:07.045 POST   /kanboard?token=x  512 B  -> 200',
    );
  });

  it('marks truncation, tunnel and a missing answer', () => {
    expect(
      formatDeliveryLine(
        summary({ truncated: true, size: 3 * 1024 ** 2, responseStatus: null, via: 'tunnel' }),
      ),
    ).toBe('14:03:07.045 POST   /kanboard?token=x  3.0 MB (truncated)  -> -  via tunnel');
  });

  it('never prints control characters from captured traffic', () => {
    const line = formatDeliveryLine(summary({ target: '/a\u001b[2Jb\u0007', method: 'GE\nT' }));
    expect(line).toContain('/a?[2Jb?');
    expect(line).toContain('GE?T');
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f]/);
  });

  it('formats sizes', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1536)).toBe('1.5 KB');
  });
});
