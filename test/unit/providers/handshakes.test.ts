import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asana } from '../../../electron/engine/providers/asana';
import { discord } from '../../../electron/engine/providers/discord';
import { dropbox } from '../../../electron/engine/providers/dropbox';
import { meta } from '../../../electron/engine/providers/meta';
import { microsoftGraph } from '../../../electron/engine/providers/microsoft-graph';
import { okta } from '../../../electron/engine/providers/okta';
import { slack } from '../../../electron/engine/providers/slack';
import { sns, snsConfirmationUrl } from '../../../electron/engine/providers/sns';
import { twitch } from '../../../electron/engine/providers/twitch';
import { twitter } from '../../../electron/engine/providers/twitter';
import type { HandshakeAnswer, HandshakeConfig } from '../../../electron/engine/providers/types';
import {
  preservica,
  preservicaChallengeResponse,
} from '../../../electron/engine/providers/preservica';
import { allProviders } from '../../../electron/engine/providers/registry';
import type { Verdict } from '../../../electron/contract/verdict';
import { badgeOf } from '../../../electron/contract/verdict-badge';
import { verdictTail } from '../../../electron/cli/verdict-line';
import {
  ANSWER_BURST,
  createHandshakeGuard,
  REFILL_MS,
} from '../../../electron/engine/capture-rules/handshake-guard';
import {
  answerDigest,
  flagForgedViaHandshake,
} from '../../../electron/engine/capture-rules/handshake-forgery';
import { websub } from '../../../electron/engine/providers/websub';
import { zoom } from '../../../electron/engine/providers/zoom';
import { context, delivery, vector } from './delivery';

const config = (
  secrets: string[] = [],
  options: Record<string, unknown> = {},
): HandshakeConfig => ({
  secrets,
  options,
});

describe('Twitter / X CRC', () => {
  it('answers the computed vector as JSON', () => {
    const input = delivery({
      method: 'GET',
      target: '/x?crc_token=9b4507b3-9040-4669-9ca3-6b94edb50553',
    });
    const answer = twitter.handshake!(
      input,
      config(['z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu']),
    );
    expect(answer?.status).toBe(200);
    expect(answer?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer?.body ?? '')).toEqual({ response_token: vector('twitter_crc') });
    expect(vector('twitter_crc')).toBe('sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=');
    expect(twitter.detect(input)?.event).toBe('crc');
  });

  it('does not answer without a secret or for a POST', () => {
    expect(
      twitter.handshake!(delivery({ method: 'GET', target: '/x?crc_token=a' }), config()),
    ).toBeNull();
    expect(twitter.handshake!(delivery({ target: '/x?crc_token=a' }), config(['s']))).toBeNull();
  });
});

describe('Zoom endpoint.url_validation', () => {
  const signed = delivery({
    body: vector('zoom_body'),
    receivedAt: 1654503849_000,
    headers: [
      ['x-zm-request-timestamp', '1654503849'],
      ['x-zm-signature', vector('zoom_sig')],
    ],
  });

  it('answers plainToken and its hex HMAC, using the secret that signed the request', () => {
    const answer = zoom.handshake!(signed, config(['older_secret', 'secret_token_123']));
    expect(JSON.parse(answer?.body ?? '')).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: vector('zoom_encrypted'),
    });
    expect(vector('zoom_encrypted')).toBe(
      '607ad4942d1053ec9e39d4713e5b9ce1e0179b62a7ea81406e7ab515c0423e40',
    );
    expect(answer?.description).toContain('request signature: valid');
  });

  it('ignores other events and cannot answer without a secret', () => {
    expect(
      zoom.handshake!(delivery({ body: '{"event":"meeting.started"}' }), config(['s'])),
    ).toBeNull();
    expect(zoom.handshake!(signed, config())).toBeNull();
  });
});

describe('Slack url_verification', () => {
  it('echoes the challenge as text/plain', () => {
    const body =
      '{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}';
    const answer = slack.handshake!(delivery({ body }), config());
    expect(answer).toMatchObject({
      status: 200,
      body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
    expect(answer?.headers['content-type']).toContain('text/plain');
    expect(slack.handshake!(delivery({ body: '{"type":"event_callback"}' }), config())).toBeNull();
  });
});

describe('Meta hub challenge', () => {
  const target = '/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock';
  const get = (t = target) => delivery({ method: 'GET', target: t });

  it('echoes hub.challenge when the verify token matches options.verifyToken or a secret', () => {
    expect(meta.handshake!(get(), config([], { verifyToken: 'meatyhamhock' }))).toMatchObject({
      status: 200,
      body: '1158201444',
    });
    expect(meta.handshake!(get(), config(['meatyhamhock']))?.status).toBe(200);
    expect(meta.detect(get())).toEqual({ event: 'hub.subscribe', confidence: 1 });
  });

  it('answers 403 to a wrong or unconfigured verify token', () => {
    const wrong = meta.handshake!(get(), config([], { verifyToken: 'something-else' }));
    expect(wrong?.status).toBe(403);
    expect(wrong?.body).not.toContain('1158201444');
    expect(wrong?.description).toContain('does not match');
    expect(meta.handshake!(get(), config())?.status).toBe(403);
    expect(
      meta.handshake!(get('/meta?hub.mode=subscribe&hub.challenge=1'), config(['x']))?.status,
    ).toBe(403);
  });

  it('verifies event POSTs with the computed vector', () => {
    const input = delivery({
      body: '{"object":"page","entry":[]}',
      headers: [['X-Hub-Signature-256', vector('meta')]],
    });
    expect(meta.verify(input, context(['app_secret'])).status).toBe('valid');
    expect(meta.detect(input)).toEqual({ event: 'page', confidence: 0.9 });
  });
});

describe('Microsoft Graph validationToken', () => {
  it('echoes the URL-decoded token as text/plain on POST', () => {
    const input = delivery({
      target:
        '/graph?validationToken=Validation%3A%20Testing%20client%20application%20reachability',
    });
    const answer = microsoftGraph.handshake!(input, config());
    expect(answer?.status).toBe(200);
    expect(answer?.headers['content-type']).toContain('text/plain');
    expect(answer?.body).toBe('Validation: Testing client application reachability');
  });

  it('checks clientState of notifications', () => {
    const body = JSON.stringify({
      value: [{ subscriptionId: 's1', changeType: 'created', clientState: 'cs' }],
    });
    expect(
      microsoftGraph.verify(delivery({ body }), context([], { clientState: 'cs' })).status,
    ).toBe('valid');
    expect(microsoftGraph.verify(delivery({ body }), context(['other'])).status).toBe('invalid');
    expect(microsoftGraph.detect(delivery({ body }))?.event).toBe('created');
  });
});

describe('Dropbox challenge', () => {
  it('echoes the challenge with text/plain and nosniff', () => {
    const answer = dropbox.handshake!(
      delivery({ method: 'GET', target: '/d?challenge=abc%3Cscript%3E' }),
      config(),
    );
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' },
      body: 'abc<script>',
      description: expect.any(String),
    });
  });

  it('verifies notifications with the computed vector', () => {
    const body =
      '{"list_folder":{"accounts":["dbid:AAH4f99T0taONIb-OurWxbNQ6ywGRopQngc"]},"delta":{"users":[12345678]}}';
    const input = delivery({ body, headers: [['X-Dropbox-Signature', vector('dropbox')]] });
    expect(dropbox.verify(input, context(['app_secret_xyz'])).status).toBe('valid');
  });
});

describe('Okta verification', () => {
  it('answers {"verification": header value}', () => {
    const input = delivery({
      method: 'GET',
      headers: [['X-Okta-Verification-Challenge', 'vL2EzYQUkyDTYk-WEm5U7w']],
    });
    const answer = okta.handshake!(input, config());
    expect(answer?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer?.body ?? '')).toEqual({ verification: 'vL2EzYQUkyDTYk-WEm5U7w' });
    expect(okta.detect(input)).toEqual({ event: 'verification', confidence: 1 });
  });
});

describe('Asana handshake', () => {
  it('echoes X-Hook-Secret as a response header', () => {
    const input = delivery({ headers: [['X-Hook-Secret', 'b537207f20cbfa02']] });
    const answer = asana.handshake!(input, config());
    expect(answer?.status).toBe(200);
    expect(answer?.headers['X-Hook-Secret']).toBe('b537207f20cbfa02');
    expect(answer?.description).toContain('save that value');
  });

  it('verifies later events with the computed vector', () => {
    const input = delivery({
      body: '{"events":[]}',
      headers: [['X-Hook-Signature', vector('asana')]],
    });
    const secret = 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81';
    expect(asana.verify(input, context([secret])).status).toBe('valid');
  });
});

describe('Twitch EventSub', () => {
  const id = 'ae2ff348-e102-16be-a3eb-6830c1bf38d2';
  const timestamp = '2021-02-19T23:47:00.8091512Z';
  const sentAt = Date.parse(timestamp);
  const notification = (signature: string) =>
    delivery({
      body: twitchBody(),
      receivedAt: sentAt,
      headers: [
        ['Twitch-Eventsub-Message-Id', id],
        ['Twitch-Eventsub-Message-Timestamp', timestamp],
        ['Twitch-Eventsub-Message-Type', 'notification'],
        ['Twitch-Eventsub-Subscription-Type', 'channel.follow'],
        ['Twitch-Eventsub-Message-Signature', signature],
      ],
    });

  it('accepts the twitch_api crate vector within 10 minutes', () => {
    expect(vector('twitch')).toBe(vector('twitch_expected'));
    expect(
      twitch.verify(notification(vector('twitch')), context(['secretabcd'], {}, sentAt + 60_000))
        .status,
    ).toBe('valid');
    const late = twitch.verify(
      notification(vector('twitch')),
      context(['secretabcd'], {}, sentAt + 11 * 60_000),
    );
    expect(late.reason).toContain('timestamp 11 min old, tolerance 10 min');
    expect(twitch.detect(notification(vector('twitch')))).toEqual({
      event: 'channel.follow',
      confidence: 1,
    });
  });

  const verification = (secret: string) => {
    const body =
      '{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}';
    const mac = createHmac('sha256', secret)
      .update(id + timestamp + body)
      .digest('hex');
    return delivery({
      body,
      receivedAt: sentAt,
      headers: [
        ['Twitch-Eventsub-Message-Id', id],
        ['Twitch-Eventsub-Message-Timestamp', timestamp],
        ['Twitch-Eventsub-Message-Type', 'webhook_callback_verification'],
        ['Twitch-Eventsub-Message-Signature', `sha256=${mac}`],
      ],
    });
  };

  it('echoes the challenge as text/plain after checking the signature', () => {
    const answer = twitch.handshake!(verification('s3cret'), config(['s3cret']));
    expect(answer).toMatchObject({ status: 200, body: 'pogchamp-kappa-360noscope-vohiyo' });
    expect(answer?.headers['content-type']).toContain('text/plain');
    const refused = twitch.handshake!(verification('forged'), config(['s3cret']));
    expect(refused?.status).toBe(403);
    expect(refused?.body).not.toContain('pogchamp');
    expect(twitch.handshake!(verification('any'), config())?.description).toContain('not checked');
  });
});

function twitchBody(): string {
  return '{"subscription":{"id":"ae2ff348-e102-16be-a3eb-6830c1bf38d2","status":"enabled","type":"channel.follow","version":"1","condition":{"broadcaster_user_id":"44429626"},"transport":{"method":"webhook","callback":"null"},"created_at":"2021-02-19T23:47:00.7621315Z"},"event":{"user_id":"28408015","user_login":"testFromUser","user_name":"testFromUser","broadcaster_user_id":"44429626","broadcaster_user_login":"44429626","broadcaster_user_name":"testBroadcaster"}}';
}

describe('Discord', () => {
  const publicKey = String(vector('discord_pub'));
  const ping = (signature = vector('discord_sig'), body = '{"type":1}') =>
    delivery({
      body,
      headers: [
        ['X-Signature-Ed25519', signature],
        ['X-Signature-Timestamp', '1700000000'],
      ],
    });

  it('verifies the computed Ed25519 vector with options.publicKey', () => {
    expect(publicKey).toBe('ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c');
    expect(discord.verify(ping(), context([], { publicKey })).status).toBe('valid');
    const flipped = vector('discord_sig').replace(/^f/, 'e');
    expect(discord.verify(ping(flipped), context([], { publicKey })).status).toBe('invalid');
    expect(discord.verify(ping('zz'), context([], { publicKey })).reason).toContain(
      '128 hex characters',
    );
  });

  it('answers PING with {"type":1}, and 401 to a bad signature when a key is configured', () => {
    const answer = discord.handshake!(ping(), config([], { publicKey }));
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.body ?? '')).toEqual({ type: 1 });
    const bad = discord.handshake!(ping('0'.repeat(128)), config([], { publicKey }));
    expect(bad?.status).toBe(401);
    expect(discord.handshake!(ping('0'.repeat(128)), config())?.status).toBe(200);
  });

  it('answers a Webhook Events PING (type 0) with 204 and no body', () => {
    const answer = discord.handshake!(ping('0'.repeat(128), '{"version":1,"type":0}'), config());
    expect(answer).toMatchObject({ status: 204, body: '' });
  });

  it('signs with the private seed so that the vector is reproduced', () => {
    const req = {
      method: 'POST',
      url: 'https://e.com/i',
      rawHeaders: [],
      body: new TextEncoder().encode('{"type":1}'),
    };
    const signed = discord.sign!(req, String(vector('discord_seed')), { timestamp: 1700000000 });
    expect(signed.rawHeaders).toContainEqual(['X-Signature-Ed25519', vector('discord_sig')]);
  });
});

describe('WebSub', () => {
  it('echoes hub.challenge for subscribe and unsubscribe', () => {
    for (const mode of ['subscribe', 'unsubscribe']) {
      const target = `/feed?hub.mode=${mode}&hub.topic=https%3A%2F%2Fexample.com%2Ffeed&hub.challenge=kfs83j&hub.lease_seconds=86400`;
      const answer = websub.handshake!(delivery({ method: 'GET', target }), config());
      expect(answer).toMatchObject({ status: 200, body: 'kfs83j' });
      expect(websub.detect(delivery({ method: 'GET', target }))).toEqual({
        event: `hub.${mode}`,
        confidence: 1,
      });
    }
    expect(
      websub.handshake!(delivery({ method: 'GET', target: '/feed?hub.mode=denied' }), config()),
    ).toBeNull();
  });

  it('verifies the computed sha1 and sha256 vectors', () => {
    for (const signature of [vector('websub_sha1'), vector('websub_sha256')]) {
      const input = delivery({ body: '<feed/>', headers: [['X-Hub-Signature', signature]] });
      expect(websub.verify(input, context(['hub_secret'])).status).toBe('valid');
    }
    const md5 = delivery({ body: '<feed/>', headers: [['X-Hub-Signature', 'md5=abc']] });
    expect(websub.verify(md5, context(['hub_secret'])).status).toBe('invalid');
  });
});

describe('AWS SNS', () => {
  const confirmation = (subscribeUrl: string) =>
    delivery({
      body: JSON.stringify({
        Type: 'SubscriptionConfirmation',
        MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
        Token: '2336412f37',
        TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
        Message: 'You have chosen to subscribe to the topic.',
        SubscribeURL: subscribeUrl,
        Timestamp: '2024-05-02T10:14:22.853Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertURL:
          'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
      }),
      headers: [
        ['Content-Type', 'text/plain; charset=UTF-8'],
        ['x-amz-sns-message-type', 'SubscriptionConfirmation'],
      ],
    });
  const goodUrl =
    'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37';

  it('never answers automatically but marks the event and offers the confirm URL', () => {
    const input = confirmation(goodUrl);
    expect(sns.handshake!(input, config())).toBeNull();
    expect(sns.detect(input)).toEqual({ event: 'SubscriptionConfirmation', confidence: 1 });
    expect(snsConfirmationUrl(input)).toBe(goodUrl);
  });

  it('refuses confirm URLs that are not https AWS SNS hosts', () => {
    expect(
      snsConfirmationUrl(confirmation('https://sns.us-west-2.amazonaws.com.evil.example/x')),
    ).toBeNull();
    expect(snsConfirmationUrl(confirmation('http://sns.us-west-2.amazonaws.com/x'))).toBeNull();
    expect(snsConfirmationUrl(delivery({ body: 'not json' }))).toBeNull();
  });

  it('says how to verify without fetching anything', () => {
    const result = sns.verify(confirmation(goodUrl), context([]));
    expect(result.status).toBe('not-applicable');
    expect(result.reason).toContain('options.certificate');
  });
});

describe('one function computes each expected answer, for the receiver and the play (issue 12)', () => {
  it('Preservica: the answer to `café-secret` is the latin-1 HMAC pyPreservica computes, and the play expects exactly it', () => {
    const sdk = createHmac('sha256', Buffer.from('café-secret', 'latin1'))
      .update(Buffer.from('4f1c2a9e', 'latin1'))
      .digest('hex');
    expect(preservicaChallengeResponse('café-secret', '4f1c2a9e')).toBe(sdk);
    expect(sdk).not.toBe(createHmac('sha256', 'café-secret').update('4f1c2a9e').digest('hex'));
    const answer = preservica.handshake!(
      delivery({ target: '/p?challengeCode=4f1c2a9e' }),
      config(['café-secret']),
    );
    expect(JSON.parse(answer?.body ?? '')).toEqual({
      challengeCode: '4f1c2a9e',
      challengeResponse: sdk,
    });
    expect(answer?.signedValue).toBe(sdk);
    const { request, expected } = preservica.handshakePlay!.request(
      new URL('http://h/p'),
      'café-secret',
    );
    const code = new URL(request.url).searchParams.get('challengeCode') ?? '';
    expect(JSON.parse(expected)).toEqual({
      challengeCode: code,
      challengeResponse: preservicaChallengeResponse('café-secret', code),
    });
  });

  it('every provider with a play also answers: the receiver passes its own play', () => {
    const withPlays = allProviders.filter((provider) => provider.handshakePlay);
    expect(withPlays.map((provider) => provider.id).sort()).toEqual([
      'asana',
      'dropbox',
      'meta',
      'microsoft-graph',
      'okta',
      'preservica',
      'slack',
      'twitch',
      'twitter',
      'websub',
      'zoom',
    ]);
    for (const provider of withPlays) {
      const { request, expected } = provider.handshakePlay!.request(
        new URL('http://h/x'),
        'shared-secret',
      );
      const url = new URL(request.url);
      const answer = provider.handshake!(
        delivery({
          method: request.method,
          target: `${url.pathname}${url.search}`,
          headers: request.rawHeaders,
          body: request.body,
          receivedAt: Date.now(),
        }),
        config(['shared-secret']),
      );
      expect(answer, provider.id).not.toBeNull();
      const reply = {
        status: answer!.status,
        rawHeaders: Object.entries(answer!.headers),
        body: Buffer.from(answer!.body),
      };
      expect(provider.handshakePlay!.judge(reply, expected), provider.id).toBeNull();
    }
  });
});

describe('challenge values that could be signing inputs are refused (issue 13)', () => {
  const refused = (answer: HandshakeAnswer | null) => {
    expect(answer?.status).toBe(400);
    expect(answer?.signedValue).toBeUndefined();
    return answer?.unsafe ?? '';
  };

  it('Preservica: the delivery prefix, JSON, over-long codes; real-looking codes pass', () => {
    const answer = (code: string) =>
      preservica.handshake!(
        delivery({ target: `/p?challengeCode=${encodeURIComponent(code)}` }),
        config(['s']),
      );
    expect(refused(answer('preservica-webhook-auth{"events":[]}'))).toMatch(/signing prefix/);
    expect(refused(answer('PRESERVICA-WEBHOOK-AUTH'))).toMatch(/signing prefix/);
    expect(refused(answer('{"events":[]}'))).toMatch(/contains JSON/);
    expect(refused(answer('x'.repeat(129)))).toMatch(/129 characters long/);
    expect(refused(answer('abc def'))).toMatch(/contains " " at position 4/);
    for (const code of [
      'abc123',
      '4f1c2a9e-7d1b-4b8e-9a53-1c2d3e4f5a6b',
      'a/b=',
      'x'.repeat(128),
    ]) {
      expect(answer(code)?.status, code).toBe(200);
    }
  });

  it('Zoom: a plainToken with `:` or JSON, or longer than 64', () => {
    const ask = (plainToken: string) =>
      zoom.handshake!(
        delivery({
          body: JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken } }),
        }),
        config(['s']),
      );
    expect(refused(ask('v0:1654503849:{"event":"meeting.started"}'))).toMatch(/contains ":"/);
    expect(refused(ask('q'.repeat(65)))).toMatch(/65 characters long/);
    // Token-shaped but unsigned: 401 as zoom/webhook-sample, nothing computed.
    const unsigned = ask('qgg8vlvZRS6UYooatFL8Aw');
    expect(unsigned?.status).toBe(401);
    expect(unsigned?.signedValue).toBeUndefined();
  });

  it('Twitter: a crc_token holding JSON or spaces', () => {
    const ask = (token: string) =>
      twitter.handshake!(
        delivery({ method: 'GET', target: `/x?crc_token=${encodeURIComponent(token)}` }),
        config(['s']),
      );
    expect(refused(ask('{"tweet_create_events":[]}'))).toMatch(/contains "\{"/);
    expect(refused(ask('a b'))).toMatch(/contains " "/);
    expect(ask('9b4507b3-9040-4669-9ca3-6b94edb50553')?.status).toBe(200);
  });
});

describe('handshake guard: arming, rate limit, forged-via-handshake', () => {
  const answer: HandshakeAnswer = {
    status: 200,
    headers: {},
    body: 'x',
    description: 'answered',
    signedValue: 'sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  };

  it('answers only inside a window, except for providers that re-validate by themselves', () => {
    let now = 1_000_000;
    const guard = createHandshakeGuard({ now: () => now });
    const decide = (provider: typeof preservica) =>
      guard.decide({ provider, answer, endpoint: '/e', source: null, now });
    const closed = decide(preservica);
    expect(closed.answered).toBe(false);
    expect(closed.answer.status).toBe(403);
    expect(closed.answered ? '' : closed.why).toMatch(/\/e is not armed/);
    expect(decide(twitter).answered).toBe(true);
    expect(decide(zoom).answered).toBe(true);
    guard.arm('/e', 60_000);
    expect(guard.armedUntil('/e')).toBe(1_060_000);
    expect(decide(preservica).answered).toBe(true);
    now += 60_001;
    expect(guard.armedUntil('/e')).toBeNull();
    expect(decide(preservica).answered).toBe(false);
  });

  it(`limits each source to ${ANSWER_BURST} answers, then one per ${REFILL_MS} ms`, () => {
    const guard = createHandshakeGuard();
    const at = (now: number, source: string | null = '198.51.100.1') =>
      guard.decide({ provider: twitter, answer, endpoint: '/t', source, now }).answer.status;
    const burst = Array.from({ length: ANSWER_BURST + 1 }, () => at(0));
    expect(burst).toEqual([...Array(ANSWER_BURST).fill(200), 429]);
    expect(at(0, '198.51.100.2')).toBe(200);
    expect(at(0, null)).toBe(200);
    expect(at(REFILL_MS - 1)).toBe(429);
    expect(at(REFILL_MS)).toBe(200);
    expect(at(REFILL_MS)).toBe(429);
  });

  it('flags a valid signature equal to an answer given, in any header and with a `v0=`/`sha256=` prefix', () => {
    const guard = createHandshakeGuard();
    guard.decide({ provider: twitter, answer, endpoint: '/t', source: null, now: 0 });
    const digests = new Set(guard.answerDigests());
    const valid = { status: 'valid' as const, reason: 'matches' };
    expect(
      flagForgedViaHandshake(
        valid,
        [['X-Twitter-Webhooks-Signature', answer.signedValue!]],
        digests,
      ).status,
    ).toBe('forged-via-handshake');
    expect(
      flagForgedViaHandshake(
        valid,
        [['x-zm-signature', `v0=${'ab'.repeat(32)}`]],
        new Set([answerDigest('ab'.repeat(32))]),
      ).status,
    ).toBe('forged-via-handshake');
    expect(
      flagForgedViaHandshake(valid, [['X-Sig', 'sha256=other-value-not-answered']], digests),
    ).toBe(valid);
    const invalid = { status: 'invalid' as const, reason: 'no' };
    expect(flagForgedViaHandshake(invalid, [['X', answer.signedValue!]], digests)).toBe(invalid);
  });
});

describe('forged-via-handshake reaches the badge and the listen line', () => {
  it('fails the badge and names the status in the terminal line', () => {
    const verdict: Verdict = {
      signature: {
        status: 'forged-via-handshake',
        reason:
          'The X-Twitter-Webhooks-Signature value equals a handshake answer Hookscope gave earlier',
      },
      schema: { status: 'no-schema', errors: [] },
      health: [],
    };
    expect(badgeOf(verdict)).toBe('fail');
    const line = verdictTail(
      {
        id: '01',
        seq: 1,
        receivedAt: 0,
        endpoint: '/t',
        method: 'POST',
        target: '/t',
        size: 10,
        truncated: false,
        contentType: null,
        responseStatus: 200,
        via: 'tunnel',
        provider: 'twitter',
        event: null,
        handshake: false,
        badge: badgeOf(verdict),
      },
      verdict,
    );
    expect(line).toBe(
      '  twitter  fail: signature forged-via-handshake (The X-Twitter-Webhooks-Signature value equals a handshake answer Hookscope gave earlier)',
    );
  });
});
