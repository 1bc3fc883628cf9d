import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { missingHeader } from '../crypto-helpers';
import { header, jsonObject, stringField } from '../http-helpers';
import type { DeliveryInput, Provider } from '../types';
import { githubCatalogueNames, githubEventAliases, githubEvents } from './catalogue';
import { forgeGithub } from './forge';

const SHA256: BodyHmacScheme = {
  providerName: 'GitHub',
  header: 'X-Hub-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
};

/** Legacy header GitHub still sends for compatibility; only used when the sha256 one is absent. */
const SHA1: BodyHmacScheme = {
  ...SHA256,
  header: 'X-Hub-Signature',
  algorithm: 'sha1',
  prefix: 'sha1=',
};

/** `issues` + `{"action":"opened"}` -> `issues.opened` (the catalogue's and @octokit/webhooks' name). */
function eventName(event: string, delivery: DeliveryInput): string {
  const action = stringField(jsonObject(delivery.body), 'action');
  const paired = action === null ? null : `${event}.${action}`;
  return paired !== null && githubCatalogueNames.has(paired) ? paired : event;
}

export const github: Provider = {
  id: 'github',
  name: 'GitHub',
  detect(delivery) {
    const event = header(delivery, 'X-GitHub-Event');
    const signed =
      header(delivery, SHA256.header) !== null || header(delivery, SHA1.header) !== null;
    // X-Hub-Signature-256 alone is also Meta's header: GitHub is certain only with its own headers.
    if (event !== null || header(delivery, 'X-GitHub-Delivery') !== null) {
      return { event: event === null ? null : eventName(event, delivery), confidence: 1 };
    }
    return signed ? { event: null, confidence: 0.5 } : null;
  },
  verify(delivery, context) {
    if (header(delivery, SHA256.header) !== null) {
      return verifyBodyHmac(SHA256, delivery, context.secrets);
    }
    if (header(delivery, SHA1.header) !== null) {
      return verifyBodyHmac(SHA1, delivery, context.secrets);
    }
    return missingHeader('GitHub', SHA256.header);
  },
  sign(request, secret) {
    return signBodyHmac(SHA1, signBodyHmac(SHA256, request, secret), secret);
  },
  forge: forgeGithub,
  events: githubEvents,
  eventAliases: githubEventAliases,
};
