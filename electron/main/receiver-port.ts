/** The receiver port the desktop app asks for: the CLI's default, so webhook URLs survive restarts. */
export const PREFERRED_RECEIVER_PORT = 8787;

/**
 * Starts with the preferred port and, when another process (say `hookscope serve`) already holds
 * it, falls back to a free port rather than refusing to open. `onFallback` tells the user why
 * their receiver URL differs this time.
 */
export async function withPortFallback<T>(
  start: (port: number) => Promise<T>,
  preferred: number,
  onFallback: (error: Error) => void,
): Promise<T> {
  try {
    return await start(preferred);
  } catch (error) {
    if (preferred === 0 || (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    onFallback(error as Error);
    return start(0);
  }
}
