import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { missingHeader, preview, result, type HmacAlgorithm } from '../crypto-helpers';
import { isHmacAlgorithm } from '../digest-format';
import { header, queryParam } from '../http-helpers';
import type { Provider } from '../types';
import { websubHandshake, websubHandshakePlay } from './handshake';

const HEADER = 'X-Hub-Signature';

/** WebSub lets the hub pick the algorithm: `sha1|sha256|sha384|sha512=<hex>`. */
function scheme(algorithm: HmacAlgorithm): BodyHmacScheme {
  return {
    providerName: 'WebSub',
    header: HEADER,
    algorithm,
    encoding: 'hex',
    prefix: `${algorithm}=`,
  };
}

function isVerification(target: string): boolean {
  const query = (name: string) => queryParam(target, name);
  const mode = query('hub.mode');
  return (mode === 'subscribe' || mode === 'unsubscribe') && query('hub.challenge') !== null;
}

export const websub: Provider = {
  id: 'websub',
  name: 'WebSub',
  // No per-call helper closures in detect: it runs for every delivery that has no provider set.
  detect(delivery) {
    if (delivery.method === 'GET' && isVerification(delivery.target)) {
      // Meta uses the same hub.* names but sends hub.verify_token instead of hub.topic.
      return {
        event: `hub.${queryParam(delivery.target, 'hub.mode')}`,
        confidence: queryParam(delivery.target, 'hub.topic') !== null ? 1 : 0.5,
      };
    }
    const link = header(delivery, 'Link') ?? '';
    const signed = header(delivery, HEADER) !== null;
    if (link.includes('rel="hub"')) return { event: 'content', confidence: signed ? 1 : 0.8 };
    // A bare X-Hub-Signature is also GitHub's, Bitbucket's and Intercom's legacy header.
    return signed ? { event: 'content', confidence: 0.3 } : null;
  },
  verify(delivery, context) {
    const value = header(delivery, HEADER)?.trim() ?? null;
    if (value === null) return missingHeader('WebSub', HEADER);
    const algorithm = value.slice(0, Math.max(0, value.indexOf('=')));
    if (!isHmacAlgorithm(algorithm)) {
      return result(
        'invalid',
        `${HEADER} must look like sha1|sha256|sha384|sha512=<hex>, received "${preview(value, 40)}".`,
      );
    }
    return verifyBodyHmac(scheme(algorithm), delivery, context.secrets);
  },
  /** SignOptions.algorithm picks the hash (default sha256). */
  sign(request, secret, options) {
    const algorithm = options?.['algorithm'];
    return signBodyHmac(scheme(isHmacAlgorithm(algorithm) ? algorithm : 'sha256'), request, secret);
  },
  handshake: websubHandshake,
  handshakePlay: websubHandshakePlay,
  events: [
    {
      name: 'content',
      description: 'Content distribution: the hub pushes the updated feed.',
      template:
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Example feed</title><entry><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><title>Hello</title><updated>2024-05-02T10:14:22Z</updated></entry></feed>',
    },
  ],
};
