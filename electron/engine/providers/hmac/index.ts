import {
  hmacDigest,
  missingHeader,
  noSecrets,
  nowSeconds,
  parseUnixSeconds,
  preview,
  result,
  timestampProblem,
  toleranceFrom,
  verifyAgainstSecrets,
  withTimestampCheck,
  type Bytes,
  type DigestEncoding,
  type HmacAlgorithm,
} from '../crypto-helpers';
import { isHmacAlgorithm, isWellFormedDigest, digestShape } from '../digest-format';
import { headerValue, publicRequestUrl, stringOption, withHeaders } from '../http-helpers';
import type { Provider } from '../types';

/**
 * Generic HMAC for in-house senders. Options (endpoint options on verify, SignOptions on sign):
 * header, algorithm (sha1|sha256|sha384|sha512), encoding (hex|base64), prefix (e.g. `sha256=`),
 * signedContent: 'body' | 'timestamp.body' | a template such as '{timestamp}.{body}' or
 * '{method}{url}{body}', timestampHeader, toleranceSec (default 300 when a timestamp is signed).
 * Placeholders: {body} {timestamp} {method} {url} {target} {header:Name}.
 */
export interface HmacConfig {
  header: string;
  algorithm: HmacAlgorithm;
  encoding: DigestEncoding;
  prefix: string;
  template: string;
  timestampHeader: string | null;
}

const DEFAULT_TOLERANCE_SEC = 300;
const PLACEHOLDER = /\{(body|timestamp|method|url|target|header:[^}]+)\}/g;

export function hmacConfig(options: Record<string, unknown>): HmacConfig | string {
  const header = stringOption(options, 'header');
  if (header === null) return 'options.header (the header carrying the signature) is not set';
  const algorithm = options['algorithm'] ?? 'sha256';
  if (!isHmacAlgorithm(algorithm))
    return `options.algorithm must be sha1, sha256, sha384 or sha512`;
  const encoding = options['encoding'] ?? 'hex';
  if (encoding !== 'hex' && encoding !== 'base64') return 'options.encoding must be hex or base64';
  const signed = stringOption(options, 'signedContent') ?? 'body';
  const template =
    signed === 'body' ? '{body}' : signed === 'timestamp.body' ? '{timestamp}.{body}' : signed;
  const timestampHeader = stringOption(options, 'timestampHeader');
  if (template.includes('{timestamp}') && timestampHeader === null) {
    return 'the signed content uses the timestamp but options.timestampHeader is not set';
  }
  return {
    header,
    algorithm,
    encoding,
    prefix: stringOption(options, 'prefix') ?? '',
    template,
    timestampHeader,
  };
}

interface TemplateValues {
  body: Uint8Array;
  timestamp: string;
  method: string;
  url: string;
  target: string;
  header(name: string): string;
}

/** The template as byte parts; the body stays raw bytes, never decoded and re-encoded. */
export function signedParts(template: string, values: TemplateValues): Bytes[] {
  const parts: Bytes[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index));
    const name = match[1] ?? '';
    if (name === 'body') parts.push(values.body);
    else if (name.startsWith('header:')) parts.push(values.header(name.slice(7)));
    else parts.push(values[name as 'timestamp' | 'method' | 'url' | 'target']);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts.filter((part) => part.length > 0);
}

function targetOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
  const rest = match?.[1] ?? url;
  return rest === '' ? '/' : rest;
}

export const hmac: Provider = {
  id: 'hmac',
  name: 'Generic HMAC',
  // Nothing on the wire identifies a home-made scheme: only an endpoint configured for it uses it.
  detect() {
    return null;
  },
  verify(delivery, context) {
    const config = hmacConfig(context.options);
    if (typeof config === 'string') {
      return result('not-applicable', `Generic HMAC is not configured: ${config}.`);
    }
    const received = headerValue(delivery.rawHeaders, config.header)?.trim() ?? null;
    if (received === null) return missingHeader('generic HMAC', config.header);
    const digest = received.startsWith(config.prefix) ? received.slice(config.prefix.length) : null;
    if (digest === null || !isWellFormedDigest(digest, config.algorithm, config.encoding)) {
      const shape = `${config.prefix}<${digestShape(config.algorithm, config.encoding)}>`;
      return result(
        'invalid',
        `${config.header} is malformed: expected ${shape}, received "${preview(received, 40)}".`,
      );
    }
    let timestamp: number | null = null;
    if (config.timestampHeader !== null) {
      const text = headerValue(delivery.rawHeaders, config.timestampHeader);
      timestamp = parseUnixSeconds(text);
      if (timestamp === null && config.template.includes('{timestamp}')) {
        return result(
          'invalid',
          `${config.timestampHeader} must be integer Unix seconds (received "${preview(text ?? '', 30)}").`,
        );
      }
    }
    if (context.secrets.length === 0) return noSecrets('generic HMAC');
    const url = delivery.publicUrl
      ? publicRequestUrl(delivery.publicUrl, delivery.target)
      : delivery.target;
    const parts = signedParts(config.template, {
      body: delivery.body,
      timestamp: timestamp === null ? '' : String(timestamp),
      method: delivery.method,
      url,
      target: delivery.target,
      header: (name) => headerValue(delivery.rawHeaders, name) ?? '',
    });
    const verdict = verifyAgainstSecrets({
      providerName: 'generic HMAC',
      header: config.header,
      secrets: context.secrets,
      received: [received],
      expectedFor: (secret) =>
        config.prefix + hmacDigest(config.algorithm, secret, parts, config.encoding),
      signed: `${config.template} (${parts.reduce((sum, part) => sum + Buffer.byteLength(part), 0)} bytes)`,
      details: {
        algorithm: `HMAC-${config.algorithm.toUpperCase()}`,
        encoding: config.encoding,
        ...(config.template.includes('{url}') ? { url } : {}),
      },
    });
    if (timestamp === null) return verdict;
    const tolerance = toleranceFrom(context.options, DEFAULT_TOLERANCE_SEC);
    return withTimestampCheck(
      verdict,
      timestampProblem(timestamp, context.now, tolerance),
      tolerance,
    );
  },
  sign(request, secret, options = {}) {
    const config = hmacConfig(options);
    if (typeof config === 'string') throw new Error(`Generic HMAC cannot sign: ${config}.`);
    const timestamp = String(options.timestamp ?? nowSeconds());
    const parts = signedParts(config.template, {
      body: request.body,
      timestamp,
      method: request.method,
      url: request.url,
      target: targetOf(request.url),
      header: (name) => headerValue(request.rawHeaders, name) ?? '',
    });
    const headers: Record<string, string> = {
      [config.header]: config.prefix + hmacDigest(config.algorithm, secret, parts, config.encoding),
    };
    if (config.timestampHeader !== null) headers[config.timestampHeader] = timestamp;
    return { ...request, rawHeaders: withHeaders(request.rawHeaders, headers) };
  },
  events: [],
};
