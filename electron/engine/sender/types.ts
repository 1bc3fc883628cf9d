import type { RawHeaders } from '../../contract/delivery';

export type { OutgoingRequest } from '../providers/types';

/** What came back from a target. Bodies stay bytes: an answer can be binary too. */
export interface SendAnswer {
  status: number;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  /** Time to the answer's headers, and to its last byte. */
  timing: { firstByteMs: number; totalMs: number };
}

export type SendFailureCode =
  'connection-refused' | 'timeout' | 'dns' | 'reset' | 'invalid-request' | 'other';

/** One attempt's outcome: the target answered (any status), or the request failed before an answer. */
export type SendOutcome =
  | { ok: true; answer: SendAnswer }
  | { ok: false; code: SendFailureCode; message: string; timing: { totalMs: number } };
