import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer (vite's dist/renderer) that `serve` hands to the browser, or null when it has
 * not been built. HOOKSCOPE_RENDERER_DIR overrides the search (packaging, tests).
 */
export function findRendererDir(env: Record<string, string | undefined> = process.env): {
  dir: string | null;
  searched: string[];
} {
  const override = env.HOOKSCOPE_RENDERER_DIR;
  const candidates = override
    ? [resolve(override)]
    : [
        // Bundled CLI: dist/cli.js sits next to dist/renderer.
        fileURLToPath(new URL('./renderer', import.meta.url)),
        // Source tree (tsx): electron/cli/*.ts, two levels below the repository root.
        fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
      ];
  const dir = candidates.find((candidate) => existsSync(resolve(candidate, 'index.html'))) ?? null;
  return { dir, searched: candidates };
}
