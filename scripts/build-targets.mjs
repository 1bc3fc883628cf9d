// The Node-side bundles: one esbuild target per entry. Shared by build.mjs and dev.mjs so both build
// the same way.
export const nodeTargets = [
  {
    name: 'cli',
    // Code splitting: dist/cli.js holds only the entry and the command table; each command's module
    // is a chunk beside it (dist/cli-chunk-*.js, same folder so import.meta.url paths such as the
    // materializer worker and dist/renderer still resolve), loaded when that command runs.
    entryPoints: { cli: 'electron/cli/index.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'cli-chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies stay in node_modules (native bindings such as libsql can't be bundled).
    packages: 'external',
  },
  {
    name: 'main',
    entryPoints: ['electron/main/index.ts'],
    outfile: 'dist/main/index.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    external: ['electron'],
    // The engine is ESM and uses import.meta.url (e.g. to resolve libsql for a worker); in this
    // CommonJS bundle it is derived from __filename.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
  {
    name: 'preload',
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    // A sandboxed preload can only require('electron'): everything else is bundled in.
    external: ['electron'],
  },
];

// The store's materializer runs on a worker thread, which loads its own file: one next to each
// bundle that opens a store (the engine finds it beside itself through import.meta.url).
const materializerWorker = (name, outfile, target) => ({
  name,
  entryPoints: ['electron/engine/store/materializer-worker.ts'],
  outfile,
  format: 'cjs',
  platform: 'node',
  target,
  packages: 'external',
});
nodeTargets.push(
  materializerWorker('cli-materializer', 'dist/materializer-worker.cjs', 'node20'),
  materializerWorker('main-materializer', 'dist/main/materializer-worker.cjs', 'node22'),
);

export const commonOptions = { bundle: true, sourcemap: true, logLevel: 'warning' };
