import type { SnsConfirmResult } from '../../contract/capture-rules';
import type { Delivery } from '../delivery';
import { snsConfirmationUrl } from '../providers/sns';

/** Performs the GET; injectable so tests can stand in for AWS without leaving loopback. */
export type SnsGet = (url: string) => Promise<{ status: number; body: string }>;

export class SnsConfirmError extends Error {
  override name = 'SnsConfirmError';
  constructor(
    readonly code: 'invalid-input' | 'not-found' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

const BODY_PREVIEW = 2000;

/** GET with no redirects (AWS answers directly) and a deadline; never follows the URL elsewhere. */
export const defaultSnsGet: SnsGet = async (url) => {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: await response.text() };
};

/**
 * Confirms an SNS subscription, only ever on the user's request: the SubscribeURL comes from an
 * unauthenticated body, so it must be an https `sns.<region>.amazonaws.com` URL
 * (snsConfirmationUrl) before anything is fetched.
 */
export async function confirmSnsSubscription(
  delivery: Delivery,
  get: SnsGet = defaultSnsGet,
): Promise<SnsConfirmResult> {
  const url = snsConfirmationUrl(delivery);
  if (url === null) {
    throw new SnsConfirmError(
      'invalid-input',
      `delivery ${delivery.id} is not an SNS SubscriptionConfirmation whose SubscribeURL is an https sns.<region>.amazonaws.com URL; nothing was visited`,
    );
  }
  let answer: { status: number; body: string };
  try {
    answer = await get(url);
  } catch (error) {
    throw new SnsConfirmError('unavailable', `could not reach ${url}: ${(error as Error).message}`);
  }
  return { url, status: answer.status, body: answer.body.slice(0, BODY_PREVIEW) };
}
