// CI check for packaging: `electron-builder --linux dir` against a placeholder Electron (the real
// binary cannot be downloaded here), then assert the asar holds the built app and production
// dependencies only.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// A stand-in binary that carries the fuse sentinel (version 1, 9 fuses) so the fuse flip runs for real.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_COUNT = 9;
const electronDist = mkdtempSync(join(tmpdir(), 'hookscope-electron-dist-'));
const placeholder = join(electronDist, 'electron');
writeFileSync(
  placeholder,
  Buffer.concat([
    Buffer.from('#!/bin/sh\necho "placeholder Electron binary"\nexit 0\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSE_COUNT]),
    Buffer.from('1'.repeat(FUSE_COUNT)),
    Buffer.from('\n'),
  ]),
);
chmodSync(placeholder, 0o755);

const electronVersion = pkg.devDependencies.electron;
execFileSync(
  'npx',
  [
    'electron-builder',
    '--linux',
    'dir',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion}`,
  ],
  { stdio: 'inherit' },
);

const outDir = `release/${pkg.version}/linux-unpacked`;
const files = asar
  .listPackage(join(outDir, 'resources', 'app.asar'), { isPack: false })
  .map((f) => f.replaceAll('\\', '/'));

const problems = [];
for (const required of [
  '/package.json',
  '/dist/main/index.cjs',
  // The store's worker thread loads it beside the main bundle.
  '/dist/main/materializer-worker.cjs',
  '/dist/preload/index.cjs',
  '/dist/renderer/index.html',
]) {
  if (!files.includes(required)) problems.push(`missing ${required}`);
}
const sources = files.filter(
  (f) =>
    /^\/(electron|renderer|test|scripts)\//.test(f) ||
    (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('/node_modules/')),
);
if (sources.length) problems.push(`sources in the asar: ${sources.slice(0, 5).join(', ')}`);
for (const dep of Object.keys(pkg.dependencies)) {
  if (!files.some((f) => f.startsWith(`/node_modules/${dep}/`)))
    problems.push(`production dependency ${dep} missing`);
}
for (const dev of Object.keys(pkg.devDependencies)) {
  if (files.some((f) => f.startsWith(`/node_modules/${dev}/`)))
    problems.push(`dev dependency ${dev} packaged`);
}
const fused = readFileSync(join(outDir, pkg.name));
const wire = fused.subarray(
  fused.indexOf(SENTINEL) + SENTINEL.length + 2,
  fused.indexOf(SENTINEL) + SENTINEL.length + 2 + FUSE_COUNT,
);
if (wire[0] !== 0x30) problems.push('runAsNode fuse was not flipped off');

if (problems.length) {
  console.error(`package check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `package check passed: ${files.length} entries in app.asar, fuses flipped (${wire.toString()})`,
);
