import type { RawHeaders } from '../../contract/delivery';
import type { SchemaError, SignatureStatus } from '../../contract/verdict';
import type { SubscriptionResult } from '../subscriptions/result';

/** The raw facts a provider looks at. Never a parsed or re-serialized body. */
export interface DeliveryInput {
  method: string;
  /** Path + query exactly as sent. */
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  receivedAt: number;
  /** Public URL the sender used, when known (Twilio signs the full URL). */
  publicUrl?: string | null;
}

export interface Detection {
  event: string | null;
  /** 0..1: 1 for an unambiguous header, lower for shape-only guesses. */
  confidence: number;
}

export interface VerifyResult {
  status: SignatureStatus;
  /** One sentence a person understands: why it failed or what was checked. */
  reason: string;
  /** What bytes were signed, expected vs received, tolerance, secret index that matched... */
  details?: Record<string, unknown>;
}

/**
 * How a body goes on the wire. `length`: one `Content-Length` body. `chunked`:
 * `Transfer-Encoding: chunked`, in `chunkSizes` pieces when given (a captured delivery's own
 * chunking), else in one chunk.
 */
export type BodyFraming = 'length' | 'chunked';

/** A request about to be sent (forge / replay). `sign` returns a copy with signature headers set. */
export interface OutgoingRequest {
  method: string;
  url: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
  /** Absent means `length`, except that a raw `Transfer-Encoding: chunked` header means `chunked`. */
  framing?: BodyFraming;
  /** With `chunked`: the size of each chunk, summing to the body's length. */
  chunkSizes?: readonly number[];
}

export interface SignOptions {
  /** Seconds since epoch to sign with (fresh timestamp when omitted). */
  timestamp?: number;
  /** Message id for schemes that sign one (Standard Webhooks). */
  messageId?: string;
  /** Sign as a new message: ids the scheme signs are made afresh, not kept from the request. */
  freshIds?: boolean;
  [option: string]: unknown;
}

export interface HandshakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Human-readable: "answered Preservica challenge with HMAC-SHA256". */
  description: string;
  /**
   * Set when the challenge was refused unanswered because its value could be a signing input
   * (issue 13: the handshake must never sign attacker-chosen text): why, in one sentence.
   */
  unsafe?: string;
  /** A value computed under the delivery-signing secret (HMAC handshakes): its digest is kept to flag forgeries. */
  signedValue?: string;
}

export interface HandshakeConfig {
  secrets: string[];
  options: Record<string, unknown>;
}

export interface EventDefinition {
  /** The provider's own event name (Kanboard `task.create`, Preservica `MOVED`). */
  name: string;
  description: string;
  /** JSON Schema (draft 2020-12 or 07) of the body. */
  schema?: Record<string, unknown>;
  /** A realistic example body, used by forge. */
  template: unknown;
}

export interface VerifyContext {
  secrets: string[];
  options: Record<string, unknown>;
  /** Clock used for timestamp tolerance checks (injected in tests). */
  now: number;
}

/** What forge needs to dress a body as the provider sends it. */
export interface ForgeContext {
  /** Canonical event name (one of `events`). */
  event: string;
  body: Uint8Array;
  /** Milliseconds since epoch. */
  now: number;
  /** Target URL the forged request goes to. */
  url: string;
}

/** The request shape a provider sends besides its signature: every header its receivers require, and the framing. */
export interface ForgeShape {
  /** In the provider's own order and case; fresh ids where the provider sends ids. Never the signature header. */
  headers: RawHeaders;
  framing: BodyFraming;
}

/** The answer to a handshake play, as the player got it. */
export interface HandshakeReply {
  status: number;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

/**
 * How a provider runs its subscription handshake against a URL, and how it judges the answer.
 * The expected value comes from the same function the provider's `handshake` answers with.
 */
export interface HandshakePlay {
  /** Whether the play needs the shared secret / verify token. */
  needsSecret: boolean;
  request(url: URL, secret: string): { request: OutgoingRequest; expected: string };
  /** null when the answer passes, else the reason it fails. */
  judge(answer: HandshakeReply, expected: string): string | null;
}

export interface Provider {
  id: string;
  name: string;
  /** Returns null when the delivery clearly isn't this provider's. */
  detect(delivery: DeliveryInput): Detection | null;
  verify(delivery: DeliveryInput, context: VerifyContext): VerifyResult;
  sign?(request: OutgoingRequest, secret: string, options?: SignOptions): OutgoingRequest;
  handshake?(delivery: DeliveryInput, config: HandshakeConfig): HandshakeAnswer | null;
  /** Plays this provider's handshake against a URL (`hookscope handshake`, the Send view). */
  handshakePlay?: HandshakePlay;
  /**
   * The challenge value when this request is one of the provider's subscription challenges, else
   * null: lets a running subscribe flow show "challenge received / answered" as a step.
   */
  challengeOf?(request: Pick<DeliveryInput, 'method' | 'target'>): string | null;
  /**
   * Set when the provider re-validates on its own schedule (Twitter CRC hourly, Zoom every 72 h):
   * its challenges are answered outside an armed window, relying on the shape checks. Says when.
   */
  handshakeRevalidates?: string;
  /** The headers and framing the provider sends with an event (forge). Default: JSON over Content-Length. */
  forge?(context: ForgeContext): ForgeShape;
  events: readonly EventDefinition[];
  /** Other spellings of event names, mapped to a name in `events` (Keyclic's `report_created`). */
  eventAliases?: Readonly<Record<string, string>>;
  /** How webhooks get registered with this provider: through its API, or by hand. */
  subscription?: SubscriptionCapability;
  /**
   * A subscription confirmed only when the person asks, from the delivery of this event (AWS SNS
   * SubscriptionConfirmation: a GET to its SubscribeURL). `note` says so in the endpoint editor.
   */
  confirmOnRequest?: { event: string; note: string };
}

/*
 * Subscriptions. Everything the subscription service, the CLI and the UI know about registering a
 * webhook with a provider comes through these types: none of them names a provider.
 */

/**
 * One field of a provider account: an input of the connect form, a CLI flag `--<name>` and an
 * environment variable. Accounts are flat string records keyed by these names.
 */
export interface AccountField {
  name: string;
  label: string;
  /** `url`: normalized to `https://host` (the API base). `secret`: kept in the vault, never listed. */
  kind: 'text' | 'url' | 'secret';
  optional?: boolean;
  /** Environment variable the CLI reads when the flag is absent. */
  env?: string;
  /** Used when neither the flag nor the environment gives a value. */
  default?: string;
  maxLength: number;
}

/** An account's fields (the secret one included), keyed by AccountField.name. */
export type AccountSettings = Readonly<Record<string, string>>;

/** A subscription as the provider lists it. */
export interface RemoteSubscription {
  id: string;
  url: string | null;
  /** The event (trigger) in the provider API's own spelling. */
  event: string | null;
}

export type SubscribeStepName =
  'request-sent' | 'challenge-received' | 'challenge-answered' | 'subscription-created' | 'failed';

export interface SubscribeStep {
  step: SubscribeStepName;
  /** One sentence for the person watching. */
  detail: string;
}

export interface SubscribeRequest {
  /** The full URL the provider will call. */
  url: string;
  /** As the user gave it; the client maps it to the API's spelling. */
  event: string;
  /** The endpoint's secret, when the capability says the provider needs one. */
  secret?: string;
  includeIdentifiers?: boolean;
}

export interface SubscribeProgress {
  onStep?(step: SubscribeStep): void;
  /**
   * Feeds handshake challenges the receiver saw on the endpoint during the call (a provider that
   * challenges the URL while its API call is pending); returns the function that stops it.
   */
  watchChallenges?(listener: (code: string, answered: boolean) => void): () => void;
}

/** A provider API client bound to one account. Never throws: failures are results. */
export interface SubscriptionConnection {
  readonly server: string;
  list(): Promise<SubscriptionResult<RemoteSubscription[]>>;
  /** Refuses (code `duplicate`) when the same event already goes to the same URL. */
  subscribe(
    request: SubscribeRequest,
    progress?: SubscribeProgress,
  ): Promise<SubscriptionResult<RemoteSubscription>>;
  unsubscribe(remoteId: string): Promise<SubscriptionResult<void>>;
  /** Moves a subscription in place. Absent: re-pointing subscribes the new URL, then removes the old one. */
  update?(
    remoteId: string,
    changes: { url: string },
  ): Promise<SubscriptionResult<RemoteSubscription>>;
}

/** A provider whose webhooks Hookscope registers through its API. */
export interface ApiSubscription {
  kind: 'api';
  /** `server` is always one of them (kind `url`), and exactly one has kind `secret`. */
  accountFields: readonly AccountField[];
  /** The account's "who" in its default id (`<provider>:<who>:<server>`) and in lists. */
  accountLabel(settings: AccountSettings): string;
  /** The CLI flag (`--trigger`, `--event`) and UI label of what is subscribed to. */
  eventFlag: string;
  eventLabel: string;
  /** Suggestions for the event field (the client checks and explains a wrong one). */
  eventSuggestions: readonly string[];
  /** The event name as the API spells it (Keyclic: camelCase for `report_created`). */
  apiEvent(event: string): string;
  /**
   * What the endpoint must do while subscribing. `handshake`: the provider challenges the URL with
   * the shared secret during the call, so the endpoint must have this provider, handshakes on and
   * a secret (generated when missing), given to `subscribe` as `secret`.
   */
  endpoint: { handshake: boolean };
  /** Whether `unsubscribe --all` is offered (the provider lists every subscription of the account). */
  unsubscribeAll: boolean;
  connect(
    settings: AccountSettings,
    options?: { timeoutMs?: number; now?: () => number },
  ): SubscriptionConnection;
}

/** What a person does by hand in a provider that has no webhook API. */
export interface ManualSetup {
  provider: string;
  title: string;
  /** In order; each one action in the provider's UI. */
  steps: string[];
  /** Values to copy, shown with a copy button. */
  copy: { label: string; value: string }[];
  notes: string[];
}

export interface ManualSetupInput {
  /** e.g. https://abc.ngrok.app (no trailing slash needed) */
  publicUrl: string;
  /** e.g. /kanboard */
  endpointPath: string;
  /** The endpoint's settings, when it exists (a token the provider must show, ...). */
  endpoint?: { secrets?: readonly string[]; options?: Readonly<Record<string, unknown>> };
}

/** A provider with no webhook API: Hookscope says where to paste the URL and waits for a delivery. */
export interface ManualSubscription {
  kind: 'manual';
  setup(input: ManualSetupInput): ManualSetup;
}

export type SubscriptionCapability = ApiSubscription | ManualSubscription;

export type { SchemaError };
