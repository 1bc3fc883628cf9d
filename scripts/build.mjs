// Builds the Node-side bundles (CLI, Electron main, preload). `npm run build` then runs `vite build`
// for the renderer.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { commonOptions, nodeTargets } from './build-targets.mjs';

// The CLI is code-split into hashed chunks beside dist/cli.js: drop the previous build's chunks so
// stale ones don't pile up (or get packaged).
for (const file of safeList('dist')) {
  if (/^cli-chunk-.*\.js(\.map)?$/.test(file)) rmSync(`dist/${file}`);
}

await Promise.all(
  nodeTargets.map(({ name: _name, ...target }) => build({ ...commonOptions, ...target })),
);
const outputs = nodeTargets.flatMap((t) =>
  t.outfile ? [t.outfile] : Object.keys(t.entryPoints).map((entry) => `${t.outdir}/${entry}.js`),
);
console.log(`built ${outputs.join(', ')}`);

function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
