// `npm start`: the app in development. Vite serves the renderer with hot reload, esbuild rebuilds main
// and preload on change, and Electron restarts when main changes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { context } from 'esbuild';
import { createServer } from 'vite';
import { commonOptions, nodeTargets } from './build-targets.mjs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package downloads its binary lazily; resolving the path does not download it.
    return require('electron');
  } catch {
    return null;
  }
}

const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 5173, strictPort: false } });
await vite.listen();
const rendererUrl = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/';

let app = null;
function restartElectron() {
  const binary = electronBinary();
  if (!binary) {
    console.error('Electron is not installed. Run `npx install-electron` (needs network), or use `npm run -s hookscope -- serve --open` for the browser build.');
    return;
  }
  if (app) app.kill();
  app = spawn(binary, ['dist/main/index.cjs'], {
    stdio: 'inherit',
    env: { ...process.env, HOOKSCOPE_RENDERER_URL: rendererUrl },
  });
  app.on('error', (error) => console.error(`Electron failed to start: ${error.message}`));
  app.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') {
      console.log(`Electron exited (${code ?? signal}).`);
      process.exit(code ?? 0);
    }
  });
}

const restartOnRebuild = { name: 'restart', setup: (b) => b.onEnd((r) => r.errors.length === 0 && restartElectron()) };
for (const { name, ...target } of nodeTargets.filter((t) => t.name !== 'cli')) {
  const plugins = name === 'main' ? [restartOnRebuild] : [];
  const ctx = await context({ ...commonOptions, ...target, plugins });
  await ctx.watch();
}
console.log(`renderer on ${rendererUrl}`);
