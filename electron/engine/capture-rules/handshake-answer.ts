import type { ProviderMatch } from '../inspect/compute-verdict';
import type { DeliveryInput, HandshakeAnswer } from '../providers/types';
import type { EndpointConfig } from '../receiver/types';

export interface AnsweredHandshake {
  providerId: string;
  answer: HandshakeAnswer;
}

/**
 * The provider's handshake answer, when the endpoint has handshakes on and the request is one.
 * Only the matched provider is asked: several providers share a shape (Meta and WebSub both send
 * `hub.challenge`), so answering for a provider nobody configured or detected would be a guess.
 */
export function answerHandshake(
  input: DeliveryInput,
  endpoint: EndpointConfig | null,
  match: ProviderMatch | null,
): AnsweredHandshake | null {
  if (!endpoint?.handshake || !match?.provider.handshake) return null;
  const answer = match.provider.handshake(input, {
    secrets: endpoint.secrets ?? [],
    options: endpoint.options ?? {},
  });
  return answer ? { providerId: match.provider.id, answer } : null;
}
