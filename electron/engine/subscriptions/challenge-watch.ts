export type ChallengeListener = (code: string, answered: boolean) => void;

/**
 * The meeting point between the receiver, which sees Preservica's challenge arrive, and a subscribe
 * flow, which is waiting on Preservica's API at the same moment. Neither knows the other: the
 * engine's responder calls `notifyChallenge` for every challenge it answers (or could not answer),
 * and a running flow `watch`es the endpoint path it subscribed.
 */
export interface ChallengeWatch {
  notifyChallenge(endpointPath: string, code: string, answered: boolean): void;
  watch(endpointPath: string, listener: ChallengeListener): () => void;
}

export function createChallengeWatch(): ChallengeWatch {
  const listeners = new Map<string, Set<ChallengeListener>>();
  return {
    notifyChallenge(endpointPath, code, answered) {
      for (const listener of [...(listeners.get(endpointPath) ?? [])]) listener(code, answered);
    },
    watch(endpointPath, listener) {
      let set = listeners.get(endpointPath);
      if (!set) listeners.set(endpointPath, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(endpointPath);
      };
    },
  };
}
