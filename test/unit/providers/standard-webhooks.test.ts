import { describe, expect, it } from 'vitest';
import { hmacDigest } from '../../../electron/engine/providers/crypto-helpers';
import { standardWebhooks } from '../../../electron/engine/providers/standard-webhooks';
import { context, delivery, headerOf, received, request, vector } from './delivery';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';
const at = (seconds: number) => seconds * 1000;

function signedDelivery(signature: string, prefix = 'webhook', timestamp = String(TS)) {
  return delivery({
    body: BODY,
    headers: [
      [`${prefix}-id`, ID],
      [`${prefix}-timestamp`, timestamp],
      [`${prefix}-signature`, signature],
    ],
  });
}

describe('Standard Webhooks / Svix', () => {
  it('accepts the official vector with webhook-* and svix-* headers', () => {
    expect(vector('stdwh')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const now = context([SECRET], {}, at(TS));
    expect(standardWebhooks.verify(signedDelivery(vector('stdwh')), now).status).toBe('valid');
    const svix = standardWebhooks.verify(signedDelivery(vector('stdwh'), 'svix'), now);
    expect(svix.status).toBe('valid');
    expect(svix.details?.['headerStyle']).toBe('svix');
    expect(standardWebhooks.detect(signedDelivery(vector('stdwh'), 'svix'))?.confidence).toBe(1);
  });

  it('finds the v1 entry among several, ignoring v1a', () => {
    const list = `v1a,${'A'.repeat(88)} v1,${'B'.repeat(43)}= ${vector('stdwh')}`;
    expect(
      standardWebhooks.verify(signedDelivery(list), context([SECRET], {}, at(TS))).status,
    ).toBe('valid');
  });

  it('refuses timestamps more than 5 minutes old or in the future', () => {
    const input = signedDelivery(vector('stdwh'));
    expect(standardWebhooks.verify(input, context([SECRET], {}, at(TS + 300))).status).toBe(
      'valid',
    );
    const old = standardWebhooks.verify(input, context([SECRET], {}, at(TS + 301)));
    expect(old.reason).toContain('timestamp 5 min 1 s old, tolerance 5 min');
    const future = standardWebhooks.verify(input, context([SECRET], {}, at(TS - 3600)));
    expect(future.status).toBe('invalid');
    expect(future.reason).toContain('timestamp 1 h in the future');
  });

  it('explains a whsec_ secret that the sender used as text', () => {
    const asText = `v1,${hmacDigest('sha256', SECRET, [`${ID}.${TS}.`, BODY], 'base64')}`;
    const result = standardWebhooks.verify(signedDelivery(asText), context([SECRET], {}, at(TS)));
    expect(result.status).toBe('invalid');
    expect(result.reason).toContain('this secret looks base64 (whsec_) but was used as text');
    expect(result.details?.['secretUsedAsText']).toBe(true);
    const withoutPrefix = `v1,${hmacDigest('sha256', SECRET.slice(6), [`${ID}.${TS}.`, BODY], 'base64')}`;
    const second = standardWebhooks.verify(
      signedDelivery(withoutPrefix),
      context([SECRET], {}, at(TS)),
    );
    expect(second.reason).toContain('used as text');
  });

  it('reports malformed headers as invalid with a reason', () => {
    const ctx = context([SECRET], {}, at(TS));
    expect(standardWebhooks.verify(signedDelivery('nonsense'), ctx).reason).toContain(
      'no "v1,<base64>" entry',
    );
    expect(standardWebhooks.verify(signedDelivery('v1a,abc'), ctx).reason).toContain(
      'found only v1a',
    );
    expect(
      standardWebhooks.verify(signedDelivery(vector('stdwh'), 'webhook', '16e8'), ctx).reason,
    ).toContain('integer Unix seconds');
    const noId = delivery({
      body: BODY,
      headers: [
        ['webhook-timestamp', String(TS)],
        ['webhook-signature', vector('stdwh')],
      ],
    });
    expect(standardWebhooks.verify(noId, ctx).reason).toContain('webhook-id is missing');
    expect(standardWebhooks.verify(delivery({ body: BODY }), ctx).status).toBe('missing');
  });

  it('signs with given or fresh id and timestamp; verify accepts it and rejects a wrong secret', () => {
    const signed = standardWebhooks.sign!(request(BODY), SECRET, { messageId: ID, timestamp: TS });
    expect(headerOf(signed.rawHeaders, 'webhook-signature')).toBe(vector('stdwh'));
    const fresh = standardWebhooks.sign!(request(BODY), SECRET, { headerStyle: 'svix' });
    expect(headerOf(fresh.rawHeaders, 'svix-id')).toMatch(/^msg_/);
    expect(standardWebhooks.verify(received(fresh), context([SECRET], {}, Date.now())).status).toBe(
      'valid',
    );
    const other = 'whsec_' + Buffer.from('another key of 24 bytes!').toString('base64');
    const wrong = standardWebhooks.verify(received(fresh), context([other], {}, Date.now()));
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toContain('svix-signature does not match');
  });
});
