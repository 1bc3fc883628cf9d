import { describe, expect, it } from 'vitest';
import { kanboardSetup } from '../../../electron/engine/providers/kanboard/subscription';
import { phraseanetSetup } from '../../../electron/engine/providers/phraseanet/subscription';
import { movedUrl, webhookUrl } from '../../../electron/engine/subscriptions';

describe('manual setup instructions', () => {
  it('gives Kanboard the URL without the token, since Kanboard appends ?token= itself', () => {
    const token = 'f'.repeat(60);
    const setup = kanboardSetup({
      publicUrl: 'https://abc.ngrok.app/',
      endpointPath: '/kanboard',
      token,
    });
    expect(setup.copy[0]).toEqual({
      label: 'Webhook URL',
      value: 'https://abc.ngrok.app/kanboard',
    });
    expect(setup.steps[0]).toContain('Settings > Webhooks');
    expect(setup.steps.join(' ')).toContain(token);
    expect(setup.notes[0]).toBe(
      `Kanboard will call https://abc.ngrok.app/kanboard?token=${token}.`,
    );
  });

  it('asks for the token from Kanboard when the endpoint has none, and uses & after an existing query', () => {
    const setup = kanboardSetup({ publicUrl: 'https://abc.ngrok.app', endpointPath: 'kb?x=1' });
    expect(setup.copy).toHaveLength(1);
    expect(setup.steps[2]).toMatch(/Copy the "Webhook token"/);
    expect(setup.notes[0]).toBe(
      'Kanboard will call https://abc.ngrok.app/kb?x=1&token=<webhook token>.',
    );
  });

  it("points Phraseanet's API application webhook URL at the endpoint", () => {
    const setup = phraseanetSetup({
      publicUrl: 'https://abc.ngrok.app',
      endpointPath: '/phraseanet',
    });
    expect(setup.copy).toEqual([
      { label: 'Webhook URL', value: 'https://abc.ngrok.app/phraseanet' },
    ]);
    expect(setup.steps.join(' ')).toMatch(/Webhook URL/);
    expect(setup.notes.join(' ')).toMatch(/signs nothing/);
  });

  it('joins public URL and path with exactly one slash', () => {
    expect(webhookUrl('https://h.example//', '/p')).toBe('https://h.example/p');
    expect(webhookUrl('https://h.example', 'p')).toBe('https://h.example/p');
  });
});

describe('movedUrl', () => {
  it('moves URLs under the old base and leaves others alone', () => {
    expect(
      movedUrl('https://a.ngrok.app/preservica', 'https://a.ngrok.app', 'https://b.ngrok.app/'),
    ).toBe('https://b.ngrok.app/preservica');
    expect(movedUrl('https://a.ngrok.app?x=1', 'https://a.ngrok.app/', 'https://b.ngrok.app')).toBe(
      'https://b.ngrok.app?x=1',
    );
    expect(
      movedUrl('https://a.ngrok.app.evil.example/p', 'https://a.ngrok.app', 'https://b.ngrok.app'),
    ).toBeNull();
    expect(
      movedUrl('https://c.example/p', 'https://a.ngrok.app', 'https://b.ngrok.app'),
    ).toBeNull();
  });
});
