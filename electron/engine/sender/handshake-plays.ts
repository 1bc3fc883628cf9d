import { allProviders } from '../providers/registry';
import type { HandshakePlay as ProviderHandshakePlay } from '../providers/types';

/**
 * The handshake plays, as each provider's folder defines them (providers/<id>/handshake.ts): the
 * play's expected value comes from the same function the provider's receiver answers with, so the
 * player and the receiver cannot drift apart (issue 12). Only this list lives here.
 */
export interface HandshakePlay extends ProviderHandshakePlay {
  provider: string;
}

export const handshakePlays: readonly HandshakePlay[] = allProviders.flatMap((provider) =>
  provider.handshakePlay ? [{ ...provider.handshakePlay, provider: provider.id }] : [],
);

export function findHandshakePlay(provider: string): HandshakePlay | undefined {
  return handshakePlays.find((play) => play.provider === provider);
}
