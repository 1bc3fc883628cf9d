// Deliveries whose signature failed are judged against the model but never teach it: a stranger
// posting to the public URL cannot make their shape the learned one.
import { afterAll, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../../electron/engine/store';
import { FAILING_VERDICT, makeDelivery, OK_VERDICT, tempDir } from '../store/store-fixtures';

const temp = tempDir();
afterAll(() => temp.remove());

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify({ n: value }));

describe('learning trusts only deliveries that were not refused', () => {
  it('forged deliveries get a drift verdict but leave the model as the signed ones made it', () => {
    const store = openDeliveryStore(temp.file());
    try {
      store.learning.configure({ settleAfter: 2 });
      const signed = (value: unknown) =>
        makeDelivery({ body: body(value), endpoint: '/gh', event: 'push', verdict: OK_VERDICT });
      const forged = (value: unknown) =>
        makeDelivery({
          body: body(value),
          endpoint: '/gh',
          event: 'push',
          verdict: FAILING_VERDICT,
        });
      store.appendBatch([signed(1), signed(2)]);
      const attack = forged('text');
      store.appendBatch([attack, forged('text'), forged('text')]);
      expect(store.get(attack.id)?.drift).toBe('drift');
      const [model] = store.learning.list('/gh');
      expect(model?.deliveries).toBe(2);
      // Still drift after many forged ones: they never became the shape.
      const later = signed('text');
      store.appendBatch([later]);
      expect(store.get(later.id)?.drift).toBe('drift');
    } finally {
      store.close();
    }
  });
});
