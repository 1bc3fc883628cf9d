/**
 * Where secrets (Preservica passwords, Keyclic tokens, endpoints' shared secrets) live, apart from
 * the settings that name them. Headless Hookscope uses a 0600 file; the Electron shell plugs
 * safeStorage behind the same interface. Synchronous because both backends are.
 */
export interface SecretVault {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}
