// Entry of the `hookscope` command (bundled to dist/cli.js; `npm run -s hookscope --` runs it via tsx).
import { runCli } from './main';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// Everything should be closed by now; if a stray handle keeps the loop alive, don't hang the shell.
setTimeout(() => process.exit(code), 2_000).unref();
