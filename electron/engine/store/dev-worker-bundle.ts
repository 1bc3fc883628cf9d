import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: Array<{ text: string }> };
}

/**
 * From TypeScript sources (tests, `tsx`) a worker entry has no built file: bundle it with esbuild
 * (a dev dependency, as the build does) into node_modules/.cache, where its own imports (libsql)
 * resolve. A worker thread loading TypeScript through tsx took 1.1 s to start; this takes ~60 ms
 * once per process. The file is named by its content, so parallel test processes share it.
 */
export function bundleWorkerForDev(entryUrl: string): URL {
  const esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
  const [output] = esbuild.buildSync({
    entryPoints: [fileURLToPath(entryUrl)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
  }).outputFiles;
  const text = output?.text ?? '';
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const folder = new URL('../../../node_modules/.cache/hookscope-workers/', import.meta.url);
  const file = new URL(`worker-${hash}.cjs`, folder);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const temporary = new URL(`worker-${hash}.${process.pid}.tmp`, folder);
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
  return file;
}
