import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../../electron/engine/inspect/compute-verdict';
import { seedProviders } from '../../../electron/engine/providers/seed-providers';
import type { Provider } from '../../../electron/engine/providers/types';
import { deliveryInput } from './delivery-input';
import {
  kanboardExamples,
  keyclicExample,
  phraseanetExamples,
  referenceVectors,
  withoutTrailingCommas,
} from './seed-examples';

const json: [string, string] = ['Content-Type', 'application/json'];

function detected(body: string, rawHeaders: Array<[string, string]> = [json], target = '/hooks/x') {
  const match = detectProvider(deliveryInput({ body, rawHeaders, target }), seedProviders);
  return match && { provider: match.provider.id, event: match.event };
}

describe('detectProvider over the seed examples', () => {
  it.each(kanboardExamples().map((example) => [example.eventName, example.text] as const))(
    'Kanboard %s (docs example, current User-Agent)',
    (eventName, text) => {
      expect(detected(text, [['User-Agent', 'Kanboard'], json])).toEqual({
        provider: 'kanboard',
        event: eventName,
      });
      expect(detected(text)).toEqual({ provider: 'kanboard', event: eventName });
    },
  );

  it('Phraseanet new_feed_entry (legacy docs shape, with and without its User-Agent)', () => {
    for (const text of phraseanetExamples()) {
      expect(detected(text)).toEqual({ provider: 'phraseanet', event: 'new_feed_entry' });
      expect(detected(text, [['User-Agent', 'Phraseanet/4.1.22 (Buxus)'], json])).toEqual({
        provider: 'phraseanet',
        event: 'new_feed_entry',
      });
    }
  });

  it('Phraseanet current envelope by User-Agent', () => {
    const template = seedProviders[2]?.events.find(
      (event) => event.name === 'record.created',
    )?.template;
    expect(
      detected(JSON.stringify(template), [['User-Agent', 'Phraseanet/4.1.22 (Buxus)'], json]),
    ).toEqual({
      provider: 'phraseanet',
      event: 'record.created',
    });
  });

  it('Keyclic docs example (its snake_case name is the canonical one)', () => {
    expect(detected(withoutTrailingCommas(keyclicExample()))).toEqual({
      provider: 'keyclic',
      event: 'report_created',
    });
  });

  it('Preservica reference delivery, by signature header and by shape; the challenge by query', () => {
    const body = String(referenceVectors()['preservica_body']);
    expect(
      detected(body, [
        json,
        ['Preservica-Signature', String(referenceVectors()['preservica_sig'])],
      ]),
    ).toEqual({
      provider: 'preservica',
      event: null,
    });
    expect(detected(body)).toEqual({ provider: 'preservica', event: null });
    expect(detected('', [], '/hooks/x?challengeCode=abc')).toEqual({
      provider: 'preservica',
      event: null,
    });
  });

  it('Preservica template names its trigger as the event', () => {
    const moved = seedProviders[0]?.events[0]?.template;
    expect(
      detected(JSON.stringify(moved), [json, ['Preservica-Signature', 'f'.repeat(64)]]),
    ).toEqual({
      provider: 'preservica',
      event: 'MOVED',
    });
  });

  it('returns null for unrelated bodies and picks the most confident provider', () => {
    expect(detected('{"hello":"world"}')).toBeNull();
    expect(detected('not json', [['Content-Type', 'text/plain']])).toBeNull();
    const weak: Provider = {
      ...seedProviders[1]!,
      id: 'weak',
      detect: () => ({ event: 'w', confidence: 0.1 }),
    };
    const strong: Provider = {
      ...seedProviders[1]!,
      id: 'strong',
      detect: () => ({ event: 's', confidence: 0.9 }),
    };
    const broken: Provider = {
      ...seedProviders[1]!,
      id: 'broken',
      detect: () => {
        throw new Error('bug');
      },
    };
    const match = detectProvider(deliveryInput({ body: '{}' }), [weak, broken, strong]);
    expect(match?.provider.id).toBe('strong');
    expect(match?.event).toBe('s');
  });
});
