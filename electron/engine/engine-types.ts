import type { DeliveryStore, RetentionLimits } from './store/types';
import type { EndpointConfig, Receiver, ReceiverLimits, Responder } from './receiver/types';

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
  /** Group-commit window in ms. */
  commitWindowMs?: number;
  /** Decides answers and derived facts (providers, handshakes); the receiver's default otherwise. */
  responder?: Responder;
  /** Failures the sender cannot see in full (a commit that failed, a responder that threw). */
  onError?: (error: Error, context: string) => void;
}

/** The only object the shells (Electron main, `hookscope serve`, the CLI) talk to. */
export interface Engine {
  readonly dataDir: string;
  readonly receiver: Receiver;
  readonly store: DeliveryStore;
  endpoints(): readonly EndpointConfig[];
  setEndpoints(endpoints: EndpointConfig[]): void;
  /** Commits what is queued, closes the receiver and the store. Safe to call twice. */
  close(): Promise<void>;
}
