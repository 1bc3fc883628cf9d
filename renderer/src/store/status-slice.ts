// Mirrors of engine status: receiver address, store size, bridge connection, app readiness.
import type { StateCreator } from 'zustand';
import type { ReceiverInfo } from '../../../electron/contract/api';
import type { StoreStats } from '../../../electron/contract/delivery';
import type { AppState } from './app-state';

export type AppPhase = 'loading' | 'ready' | 'error';

export interface StatusSlice {
  phase: AppPhase;
  /** Why loading failed, shown instead of the inbox. */
  error: string | null;
  /** Where senders should post: local URL, plus the tunnel's public URL when one is up. */
  receiver: ReceiverInfo | null;
  stats: StoreStats;
  setPhase: (phase: AppPhase, error?: string | null) => void;
  setReceiver: (receiver: ReceiverInfo | null) => void;
  setStats: (stats: StoreStats) => void;
}

export const createStatusSlice: StateCreator<AppState, [], [], StatusSlice> = (set) => ({
  phase: 'loading',
  error: null,
  receiver: null,
  stats: { count: 0, bytes: 0 },
  setPhase: (phase, error = null) => set({ phase, error }),
  setReceiver: (receiver) => set({ receiver }),
  setStats: (stats) => set({ stats }),
});
