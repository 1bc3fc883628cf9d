/** Types for scripts/electron-first-run.mjs (a plain module run by `npm start`). */
export const INSTALL_TIMEOUT_MS: number;
export const BROWSER_ALTERNATIVE: string;
export function electronInstallerPath(): string | null;
export function whatToDo(reason: string): string;
export function ensureElectronBinary(options?: {
  find?: () => { path: string } | { missing: string };
  installer?: string | null;
  timeoutMs?: number;
  heartbeatMs?: number;
  out?: { write(chunk: string | Uint8Array): unknown };
}): Promise<{ path: string } | { error: string; exitCode: number }>;
