import {
  failed,
  type SubscriptionError,
  type SubscriptionResult,
} from '../../subscriptions/result';
import type { SubscribeProgress, SubscribeStep, SubscribeStepName } from '../types';
import type { PreservicaClient, PreservicaSubscription } from './subscription-client';

export interface PreservicaSubscribeOptions {
  client: PreservicaClient;
  /** The public URL to subscribe (public URL + endpoint path). */
  url: string;
  /** Trigger wire value, e.g. MOVED. */
  trigger: string;
  secret: string;
  includeIdentifiers?: boolean;
  onStep?: (step: SubscribeStep) => void;
  /** When given, challenges the receiver saw on the endpoint are fed to this run for its duration. */
  watchChallenges?: SubscribeProgress['watchChallenges'];
}

export interface SubscribeRun {
  /** Tell the run that Preservica's challenge arrived and whether Hookscope answered it. */
  onChallenge(code: string, answered: boolean): void;
  /** Settles after the last step; never rejects. */
  done: Promise<SubscriptionResult<PreservicaSubscription>>;
}

/**
 * Subscribes a URL with Preservica while showing what happens in between: Preservica calls back
 * (the challenge) before it answers the API call, so the person sees the challenge arrive and get
 * answered, or learns which side failed.
 */
export function runPreservicaSubscribe(options: PreservicaSubscribeOptions): SubscribeRun {
  const { client, url, trigger, secret } = options;
  const emit = (step: SubscribeStepName, detail: string) => options.onStep?.({ step, detail });
  const seen: { code: string; answered: boolean }[] = [];
  let settled = false;

  function onChallenge(code: string, answered: boolean): void {
    if (settled) return;
    seen.push({ code, answered });
    emit('challenge-received', `Preservica sent challenge code ${code} to ${url}.`);
    if (answered)
      emit(
        'challenge-answered',
        "Hookscope answered with the HMAC-SHA256 of the code under the endpoint's secret.",
      );
  }

  const stopWatching = options.watchChallenges?.(onChallenge);

  const done = (async (): Promise<SubscriptionResult<PreservicaSubscription>> => {
    emit(
      'request-sent',
      `Asked Preservica at ${client.server} to send ${trigger} notifications to ${url}.`,
    );
    let outcome: SubscriptionResult<PreservicaSubscription>;
    try {
      outcome = await client.subscribe({
        url,
        triggerType: trigger,
        secret,
        ...(options.includeIdentifiers !== undefined
          ? { includeIdentifiers: options.includeIdentifiers }
          : {}),
      });
    } catch (error) {
      outcome = failed(
        'bad-answer',
        `The subscribe call failed unexpectedly: ${(error as Error).message}`,
      );
    } finally {
      settled = true;
      stopWatching?.();
    }
    if (outcome.ok) {
      emit(
        'subscription-created',
        `Preservica created subscription ${outcome.value.id} (${trigger} -> ${url}).`,
      );
      return outcome;
    }
    const explained = explainFailure(
      outcome.error,
      seen,
      url,
      options.watchChallenges !== undefined,
    );
    emit('failed', explained.error.message);
    return explained;
  })();

  return { onChallenge, done };
}

/** Uses what the receiver saw of the challenge to say which side failed. */
function explainFailure(
  error: SubscriptionError,
  seen: readonly { answered: boolean }[],
  url: string,
  watching: boolean,
): { ok: false; error: SubscriptionError } {
  if (error.code !== 'rejected' && error.code !== 'challenge-failed') return { ok: false, error };
  const said = error.serverMessage ? ` Preservica said: ${error.serverMessage}` : '';
  if (seen.some((challenge) => challenge.answered)) {
    return failed(
      'challenge-failed',
      `Hookscope answered Preservica's challenge but Preservica did not accept it (HTTP ${error.status ?? '?'}): the endpoint's secret is most likely not the one given to subscribe.${said}`,
      error,
    );
  }
  if (seen.length > 0) {
    return failed(
      'challenge-failed',
      `Preservica's challenge reached Hookscope but was not answered: give the endpoint the Preservica provider, a secret and handshakes on.${said}`,
      error,
    );
  }
  if (watching) {
    return failed(
      error.code,
      `${error.message} No challenge reached Hookscope during the call, so Preservica probably could not reach ${url} (is the tunnel up and the path right?).`,
      error,
    );
  }
  return { ok: false, error };
}
