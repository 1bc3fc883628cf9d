// Runs once before the tests: builds the store's worker thread into dist/ (the CLI bundle's
// worker, which the engine uses when it runs from sources), so every test process loads the worker
// of the sources under test and the engine never compiles anything at run time.
import { build, type BuildOptions } from 'esbuild';
// @ts-expect-error -- a plain .mjs module shared with scripts/build.mjs (no type declarations).
import { commonOptions, nodeTargets } from '../scripts/build-targets.mjs';

type Target = BuildOptions & { name: string };

export default async function setup(): Promise<void> {
  const worker = (nodeTargets as Target[]).find((target) => target.name === 'cli-materializer');
  if (!worker) throw new Error('scripts/build-targets.mjs has no cli-materializer target');
  const { name: _name, ...options } = worker;
  await build({ ...(commonOptions as BuildOptions), ...options });
}
