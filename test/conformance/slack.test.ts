import { App, HTTPReceiver, LogLevel, isValidSlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireProvider } from '../../electron/engine/providers/registry';
import { forgeEvent } from '../../electron/engine/sender/forge';
import { playHandshake } from '../../electron/engine/sender/handshake-player';
import { deliver, headerOf, startServer, tampered, type LoopbackServer } from './support';

const SECRET = 'slack-signing-secret-conformance';
const provider = requireProvider('slack');

describe('Slack: @slack/bolt receiver (signature verification on)', () => {
  const mentions: string[] = [];
  let server: LoopbackServer;
  beforeAll(async () => {
    const receiver = new HTTPReceiver({
      signingSecret: SECRET,
      processBeforeResponse: true,
      logLevel: LogLevel.ERROR,
    });
    // No Web API call is made: token verification off and the bot ids given, so auth.test never runs.
    const app = new App({
      receiver,
      token: 'xoxb-conformance',
      botId: 'B0CONFORM',
      botUserId: 'U0CONFORM',
      tokenVerificationEnabled: false,
    });
    app.event('app_mention', async ({ event }) => {
      mentions.push(event.text);
    });
    server = await startServer((request, response) => receiver.requestListener(request, response), {
      readBody: false,
    });
  });
  afterAll(() => server.close());

  it('Hookscope forges and signs app_mention; Bolt verifies it and runs the listener', async () => {
    const request = forgeEvent({
      provider,
      event: 'app_mention',
      url: `${server.url}/slack/events`,
      secret: SECRET,
    });
    expect(headerOf(request.rawHeaders, 'User-Agent')).toBe(
      'Slackbot 1.0 (+https://api.slack.com/robots)',
    );
    const answer = await deliver(request);
    expect(answer.status).toBe(200);
    expect(mentions).toEqual(['<@U0LAN0Z89> is it everything a river should be?']);
    const bad = await deliver(tampered(request));
    expect(bad.status).toBe(401);
    expect(mentions).toHaveLength(1);
  });

  it('Hookscope forges url_verification; Bolt verifies the signature and echoes the challenge', async () => {
    const request = forgeEvent({
      provider,
      event: 'url_verification',
      url: `${server.url}/slack/events`,
      secret: SECRET,
    });
    const answer = await deliver(request);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
  });

  it('Hookscope’s handshake player passes against Bolt with the signing secret, and fails without', async () => {
    const signed = await playHandshake('slack', `${server.url}/slack/events`, SECRET);
    expect(signed.reason).toBeTypeOf('string');
    expect(signed.pass).toBe(true);
    const unsigned = await playHandshake('slack', `${server.url}/slack/events`, '');
    expect(unsigned.pass).toBe(false);
    expect(unsigned.answer?.status).toBe(401);
  });

  it('Bolt’s verifier agrees with Hookscope on a form body (slash command), and refuses it tampered', () => {
    const body = 'command=%2Fweather&text=94070&team_id=T0001';
    const signed = provider.sign!(
      {
        method: 'POST',
        url: 'http://127.0.0.1/slack',
        rawHeaders: [],
        body: new TextEncoder().encode(body),
      },
      SECRET,
    );
    const headers = {
      'x-slack-signature': headerOf(signed.rawHeaders, 'X-Slack-Signature'),
      'x-slack-request-timestamp': Number(headerOf(signed.rawHeaders, 'X-Slack-Request-Timestamp')),
    };
    expect(isValidSlackRequest({ signingSecret: SECRET, body, headers })).toBe(true);
    expect(
      isValidSlackRequest({ signingSecret: SECRET, body: body.replace('94070', '94071'), headers }),
    ).toBe(false);
  });
});
