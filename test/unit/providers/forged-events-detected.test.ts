import { describe, expect, it } from 'vitest';
import { allProviders } from '../../../electron/engine/providers/registry';
import type {
  DeliveryInput,
  OutgoingRequest,
  Provider,
} from '../../../electron/engine/providers/types';
import { forgeEvent } from '../../../electron/engine/sender/forge';

/**
 * Issue 12 item 5: Hookscope's own inbox must recognise the event of every delivery it forges. Every
 * event of every provider is forged (signed where the provider signs) and given to that provider's
 * detect(), exactly as the receiver would see it.
 */
const NOW = 1_770_000_000_000;
const URL_TARGET = 'https://hooks.example.com/in/forged?via=test';

/** A secret each provider's sign() accepts (Standard Webhooks: base64 after whsec_; Discord: a hex seed). */
function secretFor(provider: Provider): string | undefined {
  if (!provider.sign) return undefined;
  if (provider.id === 'standard-webhooks') {
    return 'whsec_' + Buffer.from('k'.repeat(24)).toString('base64');
  }
  if (provider.id === 'discord') return 'ab'.repeat(32);
  return 'forge-secret';
}

function received(request: OutgoingRequest): DeliveryInput {
  const url = new URL(request.url);
  return {
    method: request.method,
    target: url.pathname + url.search,
    rawHeaders: request.rawHeaders,
    body: request.body,
    receivedAt: NOW,
    publicUrl: `${url.protocol}//${url.host}${url.pathname}`,
  };
}

const canonical = (provider: Provider, name: string | null): string | null =>
  name === null ? null : (provider.eventAliases?.[name] ?? name);

describe('every forged event is recognised by its provider', () => {
  const cases = allProviders.flatMap((provider) =>
    provider.events.map((event) => ({ provider, event: event.name })),
  );

  it('covers every provider and GitHub’s whole catalogue', () => {
    const withEvents = allProviders.filter((provider) => provider.events.length > 0);
    expect(new Set(cases.map((item) => item.provider.id)).size).toBe(withEvents.length);
    expect(cases.filter((item) => item.provider.id === 'github').length).toBeGreaterThan(250);
  });

  for (const provider of allProviders) {
    it(`${provider.id}: detect() names the forged event (${provider.events.length} events)`, () => {
      const misses: string[] = [];
      for (const event of provider.events) {
        const secret = secretFor(provider);
        const request = forgeEvent({
          provider,
          event: event.name,
          url: URL_TARGET,
          now: NOW,
          ...(secret === undefined ? {} : { secret }),
        });
        const detection = provider.detect(received(request));
        if (canonical(provider, detection?.event ?? null) !== event.name) {
          misses.push(`${event.name} -> ${JSON.stringify(detection)}`);
        }
      }
      expect(misses).toEqual([]);
    });
  }
});
