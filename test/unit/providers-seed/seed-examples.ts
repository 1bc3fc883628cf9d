// Loads the example payloads embedded in the seed docs and the reference vector script.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(`${fixtures}${name}`, 'utf8');
}

/** The balanced `{...}` starting at `start` (strings with braces are not expected in the docs). */
function balancedObject(text: string, start: number): string {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '{') depth += 1;
    if (text[index] === '}') depth -= 1;
    if (depth === 0) return text.slice(start, index + 1);
  }
  throw new Error(`unbalanced object at ${start}`);
}

/** Every JSON example of the Kanboard docs that names a concrete event, as written in the docs. */
export function kanboardExamples(): Array<{ eventName: string; text: string }> {
  const doc = readFixture('kanboard-docs-webhooks.txt');
  const examples: Array<{ eventName: string; text: string }> = [];
  for (const match of doc.matchAll(/```(?:json)?\n([\s\S]*?)```/g)) {
    const block = match[1] ?? '';
    const start = block.indexOf('{');
    if (start === -1) continue;
    const text = balancedObject(block, start);
    const eventName = /"event_name": "([^"]+)"/.exec(text)?.[1];
    if (eventName && eventName !== 'model.event_name') examples.push({ eventName, text });
  }
  return examples;
}

/** The `new_feed_entry` example from each Phraseanet docs page (rst source and rendered text). */
export function phraseanetExamples(): string[] {
  return ['phraseanet-docs-webhooks.rst', 'phraseanet-docs-webhooks.txt'].map((name) => {
    const doc = readFixture(name);
    const anchor = doc.indexOf('"name": "new_feed_entry"');
    return balancedObject(doc, doc.lastIndexOf('{', anchor));
  });
}

/**
 * The Keyclic docs example as written. It is not valid JSON (trailing commas): callers that want
 * to validate its shape remove them with `withoutTrailingCommas`.
 */
export function keyclicExample(): string {
  const doc = readFixture('keyclic-docs-integration.rst');
  return balancedObject(doc, doc.indexOf('{', doc.indexOf('.. code-block:: json')));
}

export function withoutTrailingCommas(text: string): string {
  return text.replace(/,(\s*[}\]])/g, '$1');
}

export type ReferenceVectors = Record<string, unknown>;

/** Runs the reference vector script (it prints one JSON object with console.log). */
export function referenceVectors(): ReferenceVectors {
  const source = readFixture('reference-vectors.js.txt');
  let printed = '';
  const capture = { log: (text: string) => (printed = text) };
  const run = new Function('require', 'console', source) as (
    require: NodeJS.Require,
    console: { log: (text: string) => void },
  ) => void;
  run(createRequire(import.meta.url), capture);
  return JSON.parse(printed) as ReferenceVectors;
}
