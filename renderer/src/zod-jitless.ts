// Imported first by main.tsx. zod 4 compiles object parsers with `new Function` unless told not
// to, and probes for it with `Function('')` at the first parse: under `script-src 'self'` that
// probe is a CSP violation in the console. Jitless parsing is plenty fast for the bridge's messages.
import { z } from 'zod';

z.config({ jitless: true });
