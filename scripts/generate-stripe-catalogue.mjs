#!/usr/bin/env node
/**
 * Generates electron/engine/providers/stripe/catalogue.json: every v1 (snapshot) event type Stripe
 * sends, read from the type declarations stripe-node ships (esm/resources/Events.d.ts: one
 * `interface XEvent extends EventBase { type: '...'; data: { object: T } }` per event, T's own file
 * giving its `object` string). Stripe publishes no webhook schema package on npm (its OpenAPI
 * document lives in github.com/stripe/openapi), so the catalogue carries names, descriptions and
 * an envelope template, and no schema. Run: node scripts/generate-stripe-catalogue.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// stripe's exports map hides package.json: walk up from its entry point.
const entry = require.resolve('stripe');
const stripeDir = entry.slice(
  0,
  entry.lastIndexOf('/node_modules/stripe/') + '/node_modules/stripe'.length,
);
const version = JSON.parse(readFileSync(join(stripeDir, 'package.json'), 'utf8')).version;
const resources = join(stripeDir, 'esm/resources');
const events = readFileSync(join(resources, 'Events.d.ts'), 'utf8');
const apiVersion = /ApiVersion = ['"]([^'"]+)['"]/.exec(
  readFileSync(join(stripeDir, 'esm/apiVersion.js'), 'utf8'),
)[1];

// `import { PaymentIntent } from './PaymentIntents.js';` -> where each data.object type lives.
const files = new Map(
  [...events.matchAll(/import \{ ([\w, ]+) \} from '\.\/([\w/]+)\.js';/g)].flatMap(
    ([, names, file]) => names.split(',').map((name) => [name.trim(), file]),
  ),
);

/** The `object` string of a Stripe type (`PaymentIntent` -> `payment_intent`), from its declaration file. */
function objectName(typeName) {
  const file = files.get(typeName);
  if (!file) return null;
  const text = readFileSync(join(resources, `${file}.d.ts`), 'utf8');
  const start = text.indexOf(`export interface ${typeName} `);
  const match = /\n {4}object: '([\w.]+)';/.exec(text.slice(start));
  return match ? match[1] : null;
}

// Each event: a commented `interface <X>Event extends EventBase { type: '<name>'; ...}` and a
// `namespace <X>Event { interface Data { object: <T>; } }` naming its object's type.
const objects = new Map(
  [
    ...events.matchAll(
      /export declare namespace (\w+)Event \{\n {4}interface Data extends Event\.Data \{\n {8}object: ([\w.]+);/g,
    ),
  ].map(([, name, type]) => [name, type]),
);
const catalogue = [];
const pattern =
  /\/\*\*\n((?: \*.*\n)+?) \*\/\nexport interface (\w+)Event extends EventBase \{\n {4}type: '([\w.]+)';/g;
for (const [, comment, name, type] of events.matchAll(pattern)) {
  const description = comment
    .split('\n')
    .map((line) => line.replace(/^ \* ?/, '').trim())
    .filter(Boolean)
    .join(' ');
  const objectType = objects.get(name) ?? '';
  // Namespaced types (Checkout.Session) live in sub-folders; their object string is the event name
  // without its verb (`checkout.session.completed` -> `checkout.session`), as for most events.
  const object = objectName(objectType) ?? type.slice(0, type.lastIndexOf('.'));
  catalogue.push({ name: type, description, object });
}
const out = join(root, 'electron/engine/providers/stripe/catalogue.json');
writeFileSync(
  out,
  JSON.stringify(
    { source: `stripe@${version} esm/resources/Events.d.ts`, apiVersion, events: catalogue },
    null,
    1,
  ) + '\n',
);
console.log(`${catalogue.length} Stripe event types (API ${apiVersion}) -> ${out}`);
