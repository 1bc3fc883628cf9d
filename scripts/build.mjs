// Builds the Node-side bundles (CLI, Electron main, preload). `npm run build` then runs `vite build`
// for the renderer.
import { build } from 'esbuild';
import { commonOptions, nodeTargets } from './build-targets.mjs';

await Promise.all(
  nodeTargets.map(({ name: _name, ...target }) => build({ ...commonOptions, ...target })),
);
console.log(`built ${nodeTargets.map((t) => t.outfile).join(', ')}`);
