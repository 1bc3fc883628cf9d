import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the bundles sit next to dist/main/index.cjs. */
export function appPaths(mainDir: string): {
  preload: string;
  rendererIndex: string;
  rendererUrl: string;
} {
  const rendererIndex = join(mainDir, '..', 'renderer', 'index.html');
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
  };
}

/**
 * Development overrides, honoured only in an unpackaged build: the Vite dev server URL (npm start)
 * and a data folder for tests (one temp userData per e2e test).
 */
export function devOverrides(
  isPackaged: boolean,
  env: Record<string, string | undefined>,
): { rendererUrl?: string; dataDir?: string } {
  if (isPackaged) return {};
  const rendererUrl = env.HOOKSCOPE_RENDERER_URL;
  const dataDir = env.HOOKSCOPE_DATA_DIR;
  return {
    ...(rendererUrl && /^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/.test(rendererUrl)
      ? { rendererUrl }
      : {}),
    ...(dataDir ? { dataDir } : {}),
  };
}
