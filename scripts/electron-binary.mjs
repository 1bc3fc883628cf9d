// Where the Electron binary is, WITHOUT require('electron'): since Electron 45 that require downloads
// the binary when it is missing, which hangs or fails on a machine without internet. Shared by
// `npm start` (scripts/dev.mjs) and the Playwright _electron test.
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @returns {{ path: string } | { missing: string }} the executable, or why there is none (one sentence)
 */
export function findElectronBinary() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (npm install)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  let relative;
  try {
    relative = readFileSync(pathFile, 'utf8').trim();
  } catch {
    return {
      missing: `${pathFile} does not exist: the binary was never downloaded (npx install-electron needs network)`,
    };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { missing: `${binary} is not an executable file` };
  }
  return { path: binary };
}
