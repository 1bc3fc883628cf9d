// The subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that Hookscope writes.
import type { VerdictRecord } from './delivery-record';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  /** Not in HAR 1.2 for postData, but the common extension (HTTP Toolkit, Charles) for binary bodies. */
  encoding?: 'base64';
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: never[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: 'base64';
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: never[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarTimings {
  blocked: number;
  dns: number;
  connect: number;
  send: number;
  wait: number;
  receive: number;
  ssl: number;
}

/**
 * The raw facts HAR cannot carry exactly (its url is rebuilt from the Host header, its version is
 * prefixed), so a Hookscope HAR imports back to the very same delivery.
 */
export interface HarHookscopeFields {
  id: string;
  endpoint: string | null;
  target: string;
  httpVersion: string;
  remoteAddress: string;
  via: 'local' | 'tunnel';
  size: number;
  truncated: boolean;
  provider: string | null;
  event: string | null;
  handshake: boolean;
  verdict: VerdictRecord | null;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: HarTimings;
  _hookscope: HarHookscopeFields;
}

export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: never[];
    entries: HarEntry[];
  };
}
