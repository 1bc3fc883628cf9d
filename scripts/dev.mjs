// `npm start`: the app in development. Vite serves the renderer with hot reload, esbuild rebuilds main
// and preload on change, and Electron restarts when main changes.
import { spawn } from 'node:child_process';
import { context } from 'esbuild';
import { createServer } from 'vite';
import { commonOptions, nodeTargets } from './build-targets.mjs';
import { ensureElectronBinary } from './electron-first-run.mjs';

// Checked first: without the binary there is nothing to run. When it is missing it is fetched with
// Electron's own installer (progress shown, 5 min at most); when that cannot work the user is told
// what to run instead.
const electron = await ensureElectronBinary();
if ('error' in electron) {
  process.stderr.write(electron.error);
  process.exit(electron.exitCode);
}

const vite = await createServer({
  configFile: 'vite.config.ts',
  server: { port: 5173, strictPort: false },
});
await vite.listen();
const rendererUrl = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/';

let app = null;
let restarting = false;
function restartElectron() {
  // A restart already waits for the old instance to exit; it will start the newest build.
  if (restarting) return;
  if (app) {
    // The old instance must be gone before the new one starts: it holds the single-instance lock.
    restarting = true;
    app.once('exit', () => {
      restarting = false;
      app = null;
      restartElectron();
    });
    app.kill('SIGTERM');
    return;
  }
  app = spawn(electron.path, ['dist/main/index.cjs'], {
    stdio: 'inherit',
    env: { ...process.env, HOOKSCOPE_RENDERER_URL: rendererUrl },
  });
  app.on('error', (error) => console.error(`Electron failed to start: ${error.message}`));
  app.on('exit', (code, signal) => {
    if (restarting) return;
    // The user closed the window (or Electron crashed): stop the watchers and the dev server too.
    console.log(`Electron exited (${code ?? signal}).`);
    void vite.close().finally(() => process.exit(code ?? 0));
  });
}

// Preload and the store's worker first: the window loads preload as soon as main starts, and
// main starts the worker as soon as it opens the store.
const ordered = [
  ...nodeTargets.filter((t) => t.name === 'preload' || t.name === 'main-materializer'),
  ...nodeTargets.filter((t) => t.name === 'main'),
];
for (const { name, ...target } of ordered) {
  const plugins =
    name === 'main'
      ? [
          {
            name: 'restart',
            setup: (b) => b.onEnd((result) => result.errors.length === 0 && restartElectron()),
          },
        ]
      : [];
  const ctx = await context({ ...commonOptions, ...target, plugins });
  // These first builds complete before main's starts, so they exist when main first runs.
  if (name !== 'main') await ctx.rebuild();
  // watch() also builds once; for main that first build starts Electron.
  await ctx.watch();
}
console.log(`renderer on ${rendererUrl} (hot reload); main and preload rebuild on change`);
