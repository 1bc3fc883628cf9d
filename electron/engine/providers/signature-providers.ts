import { asana } from './asana';
import { discord } from './discord';
import { dropbox } from './dropbox';
import { github } from './github';
import { gitlab } from './gitlab';
import { hmac } from './hmac';
import { meta } from './meta';
import { microsoftGraph } from './microsoft-graph';
import { okta } from './okta';
import { shopify } from './shopify';
import { slack } from './slack';
import { sns } from './sns';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';
import { twilio } from './twilio';
import { twitch } from './twitch';
import { twitter } from './twitter';
import { websub } from './websub';
import { zoom } from './zoom';
import type { Provider } from './types';

/** Signature schemes and handshakes beyond the seed systems (see seed-providers.ts for those). */
export const signatureProviders: readonly Provider[] = [
  github,
  stripe,
  standardWebhooks,
  shopify,
  slack,
  twilio,
  zoom,
  gitlab,
  hmac,
  twitter,
  meta,
  microsoftGraph,
  dropbox,
  okta,
  asana,
  twitch,
  discord,
  websub,
  sns,
];

export { snsConfirmationUrl } from './sns';
