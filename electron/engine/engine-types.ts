import type { CaptureRules } from './capture-rules';
import type { ForwardRetryPolicy } from './sender/forwarder';
import type { SenderService } from './sender/sender-service';
import type { Durability } from './store/journal-writer';
import type { DeliveryStore, RetentionLimits } from './store/types';
import type { EndpointConfig, Receiver, ReceiverLimits, Responder } from './receiver/types';
import type { EngineEvents } from './events/engine-events';
import type { SecretVault } from './secrets/types';
import type { SubscriptionService } from './subscription-service/subscription-service';
import type { ChallengeWatch } from './subscriptions/challenge-watch';
import type { TunnelManager } from './tunnel-manager/tunnel-manager';
import type { TunnelOptions } from './tunnel/types';

export interface EngineOptions {
  /** Folder holding hookscope.db (and secrets, settings). Created when missing. */
  dataDir: string;
  /** Receiver bind address, default 127.0.0.1. */
  host?: string;
  /** Receiver port; 0 picks a free one. */
  receiverPort?: number;
  limits?: Partial<ReceiverLimits>;
  retention?: Partial<RetentionLimits>;
  /** Endpoints from the config file (paths with no endpoint are still captured). */
  endpoints?: EndpointConfig[];
  /** How long a capture waits for company before its journal write, in ms (0: one event-loop turn). */
  commitWindowMs?: number;
  /** 'commit' (default) survives a crash of the process; 'fsync' also a power loss, slower. */
  durability?: Durability;
  /** Decides answers and derived facts (providers, handshakes); the receiver's default otherwise. */
  responder?: Responder;
  /** Failures the sender cannot see in full (a commit that failed, a responder that threw). */
  onError?: (error: Error, context: string) => void;
  /** Retries of failed forwards (exponential backoff); default 5 tries from 1 s. */
  forwardRetry?: Partial<ForwardRetryPolicy>;
  /** How long a forward waits for its target's answer (default 10 s). */
  forwardTimeoutMs?: number;
  /** Where provider passwords, tokens and the ngrok authtoken live; default `<dataDir>/secrets.json`. */
  vault?: SecretVault;
  /** Reconnect backoff and wake detection of the tunnel (tests). */
  tunnelOptions?: TunnelOptions;
}

/** The only object the shells (Electron main, `hookscope serve`, the CLI) talk to. */
export interface Engine {
  readonly dataDir: string;
  readonly receiver: Receiver;
  readonly store: DeliveryStore;
  endpoints(): readonly EndpointConfig[];
  setEndpoints(endpoints: EndpointConfig[]): void;
  /** Events the engine raises itself (tunnel, subscriptions); store changes go through store. */
  readonly events: EngineEvents;
  readonly vault: SecretVault;
  /** The one tunnel, always pointed at the receiver. */
  readonly tunnel: TunnelManager;
  /** Provider accounts, subscriptions and re-pointing. */
  readonly subscriptions: SubscriptionService;
  /**
   * Where answered Preservica challenges are reported (by the handshake responder) so a running
   * subscribe flow can show them: `challengeWatch.notifyChallenge(path, code, answered)`.
   */
  readonly challengeWatch: ChallengeWatch;
  /** Endpoint secrets and schemas, handshakes, verdicts at capture, re-verification, SNS confirm. */
  readonly captureRules: CaptureRules;
  /** Replay, forward (with catch-up), forge, scenarios, bulk, handshake plays; attempt records. */
  readonly sender: SenderService;
  /** Commits what is queued, closes the receiver and the store. Safe to call twice. */
  close(): Promise<void>;
}
