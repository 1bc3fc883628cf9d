import type { TunnelSettings } from '../../contract/tunnel';
import type { SecretVault } from '../secrets/types';
import type { TunnelConfig } from '../tunnel/types';

export const NGROK_AUTHTOKEN_KEY = 'tunnel:ngrok:authtoken';
const passphraseKey = (keyFile: string) => `tunnel:ssh:passphrase:${keyFile}`;

/** tunnel:start's input once parsed: the settings plus the write-only secrets. */
export type TunnelStartSettings = TunnelSettings & { authtoken?: string; passphrase?: string };

/** Splits the start input: secrets go to the vault, the rest is what gets remembered and shown. */
export function rememberSecrets(input: TunnelStartSettings, vault: SecretVault): TunnelSettings {
  if (input.provider === 'ngrok') {
    const { authtoken, ...settings } = input as typeof input & { provider: 'ngrok' };
    if (authtoken) vault.set(NGROK_AUTHTOKEN_KEY, authtoken);
    return settings;
  }
  if (input.provider === 'ssh') {
    const { passphrase, ...settings } = input as typeof input & { provider: 'ssh' };
    if (passphrase && settings.keyFile) vault.set(passphraseKey(settings.keyFile), passphrase);
    return settings;
  }
  return input;
}

/**
 * What the tunnel module needs, secrets read back from the vault. The public URL override is
 * applied by the manager (for every provider alike), so it is not passed down.
 */
export function toTunnelConfig(settings: TunnelSettings, vault: SecretVault): TunnelConfig {
  switch (settings.provider) {
    case 'none':
      return { provider: 'none' };
    case 'ngrok': {
      // Without a saved token the connector falls back to NGROK_AUTHTOKEN.
      const authtoken = vault.get(NGROK_AUTHTOKEN_KEY) ?? undefined;
      return {
        provider: 'ngrok',
        ...(authtoken ? { authtoken } : {}),
        ...(settings.domain ? { domain: settings.domain } : {}),
        ...(settings.region ? { region: settings.region } : {}),
        ...(settings.connectTimeoutMs ? { connectTimeoutMs: settings.connectTimeoutMs } : {}),
      };
    }
    case 'ssh': {
      const { publicUrl: _shownOnly, provider: _ssh, ...rest } = settings;
      const passphrase = settings.keyFile ? vault.get(passphraseKey(settings.keyFile)) : null;
      return { provider: 'ssh', ...rest, ...(passphrase ? { passphrase } : {}) };
    }
  }
}
