#!/usr/bin/env node
// The installed `hookscope` command: runs the bundle built from electron/cli/index.ts.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write(
    'hookscope: the CLI is not built (dist/cli.js is missing). Run "npm run build", ' +
      'or use "npm run -s hookscope -- <command>" from the source tree.\n',
  );
  process.exit(1);
}
await import(bundle.href);
