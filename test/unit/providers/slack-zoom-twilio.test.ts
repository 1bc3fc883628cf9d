import { describe, expect, it } from 'vitest';
import { slack } from '../../../electron/engine/providers/slack';
import { twilio } from '../../../electron/engine/providers/twilio';
import { zoom } from '../../../electron/engine/providers/zoom';
import { context, delivery, headerOf, received, request, vector } from './delivery';

const SLACK_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const SLACK_TS = 1531420618;
const SLACK_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

function slackDelivery(signature = vector('slack_expected'), timestamp = String(SLACK_TS)) {
  return delivery({
    body: SLACK_BODY,
    headers: [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['X-Slack-Request-Timestamp', timestamp],
      ['X-Slack-Signature', signature],
    ],
  });
}

describe('Slack', () => {
  it('accepts the official vector and detects a slash command', () => {
    expect(vector('slack')).toBe(vector('slack_expected'));
    const result = slack.verify(
      slackDelivery(),
      context([SLACK_SECRET], {}, SLACK_TS * 1000 + 5000),
    );
    expect(result.status).toBe('valid');
    expect(result.details?.['signed']).toContain(`"v0:${SLACK_TS}:" + raw body`);
    expect(slack.detect(slackDelivery())).toEqual({ event: 'slash_command', confidence: 1 });
  });

  it('applies the 5 minute window and options.toleranceSec', () => {
    const late = slack.verify(
      slackDelivery(),
      context([SLACK_SECRET], {}, (SLACK_TS + 600) * 1000),
    );
    expect(late.status).toBe('invalid');
    expect(late.reason).toContain('timestamp 10 min old, tolerance 5 min');
    const relaxed = context([SLACK_SECRET], { toleranceSec: 900 }, (SLACK_TS + 600) * 1000);
    expect(slack.verify(slackDelivery(), relaxed).status).toBe('valid');
  });

  it('reports malformed signature and timestamp headers', () => {
    const ctx = context([SLACK_SECRET], {}, SLACK_TS * 1000);
    expect(slack.verify(slackDelivery('v1=abc'), ctx).reason).toContain(
      'expected v0=<64 hex characters>',
    );
    expect(slack.verify(slackDelivery(undefined, 'yesterday'), ctx).reason).toContain(
      'X-Slack-Request-Timestamp',
    );
  });

  it('sign output verifies and a wrong secret fails', () => {
    const signed = slack.sign!(request('{"type":"event_callback"}'), 'slack-secret');
    expect(slack.verify(received(signed), context(['slack-secret'], {}, Date.now())).status).toBe(
      'valid',
    );
    expect(slack.verify(received(signed), context(['nope'], {}, Date.now())).reason).toContain(
      'X-Slack-Signature does not match',
    );
  });
});

describe('Zoom', () => {
  const body = vector('zoom_body');
  const signed = (signature = vector('zoom_sig')) =>
    delivery({
      body,
      headers: [
        ['x-zm-request-timestamp', '1654503849'],
        ['x-zm-signature', signature],
      ],
    });

  it('accepts the computed x-zm-signature vector and detects the event', () => {
    expect(vector('zoom_sig')).toBe(
      'v0=7d4ddae6a1a36bfffab4b59decb16af99972b0495f033d3dceed291bb6fe1146',
    );
    expect(zoom.verify(signed(), context(['secret_token_123'], {}, 1654503849_000)).status).toBe(
      'valid',
    );
    expect(zoom.detect(signed())).toEqual({ event: 'endpoint.url_validation', confidence: 1 });
  });

  it('sign output verifies, a wrong secret and a garbage header fail with reasons', () => {
    const out = zoom.sign!(request('{"event":"meeting.started"}'), 'tok');
    expect(zoom.verify(received(out), context(['tok'], {}, Date.now())).status).toBe('valid');
    expect(zoom.verify(received(out), context(['bad'], {}, Date.now())).status).toBe('invalid');
    expect(zoom.verify(signed('v0=zz'), context(['tok'])).reason).toContain('malformed');
  });
});

describe('Twilio', () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const form =
    'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
  const formDelivery = (publicUrl: string | null, signature = vector('twilio')) =>
    delivery({
      body: form,
      target: '/myapp.php?foo=1&bar=2',
      publicUrl,
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['X-Twilio-Signature', signature],
      ],
    });

  it('accepts the official form vector with the full public URL or just its origin', () => {
    expect(vector('twilio')).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
    expect(twilio.verify(formDelivery(url), context(['12345'])).status).toBe('valid');
    expect(twilio.verify(formDelivery('https://mycompany.com'), context(['12345'])).status).toBe(
      'valid',
    );
    // Official validators also try the URL with the standard port spelled out.
    expect(
      twilio.verify(formDelivery('https://mycompany.com:443'), context(['12345'])).status,
    ).toBe('valid');
  });

  it('accepts the official JSON vector (bodySHA256) and refuses a body that does not match its hash', () => {
    expect(vector('twilio_body_sig')).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
    const jsonUrl = `${url}&bodySHA256=${vector('twilio_bodyhash')}`;
    const json = (body: string) =>
      delivery({
        body,
        publicUrl: jsonUrl,
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Twilio-Signature', vector('twilio_body_sig')],
        ],
      });
    expect(
      twilio.verify(json('{"property": "value", "boolean": true}'), context(['12345'])).status,
    ).toBe('valid');
    const tampered = twilio.verify(
      json('{"property": "value", "boolean": false}'),
      context(['12345']),
    );
    expect(tampered.status).toBe('invalid');
    expect(tampered.reason).toContain('bodySHA256');
  });

  it('explains that it cannot verify without the public URL', () => {
    const result = twilio.verify(formDelivery(null), context(['12345']));
    expect(result.status).toBe('not-applicable');
    expect(result.reason).toContain('public URL');
  });

  it('names the URL on a mismatch and reports malformed headers', () => {
    const wrong = twilio.verify(formDelivery('https://other.example.com'), context(['12345']));
    expect(wrong.status).toBe('invalid');
    expect(wrong.reason).toContain('https://other.example.com/myapp.php');
    expect(twilio.verify(formDelivery(url, 'short'), context(['12345'])).reason).toContain(
      '28 base64 characters',
    );
  });

  it('signs form and JSON bodies so that verify accepts them', () => {
    const formReq = request(form, [['Content-Type', 'application/x-www-form-urlencoded']], url);
    const signedForm = twilio.sign!(formReq, '12345');
    expect(headerOf(signedForm.rawHeaders, 'X-Twilio-Signature')).toBe(vector('twilio'));
    const jsonReq = request('{"a":1}', [['Content-Type', 'application/json']], url);
    const signedJson = twilio.sign!(jsonReq, 'tok');
    expect(signedJson.url).toContain('bodySHA256=');
    expect(twilio.verify(received(signedJson), context(['tok'])).status).toBe('valid');
    expect(twilio.verify(received(signedJson), context(['other'])).status).toBe('invalid');
  });
});
