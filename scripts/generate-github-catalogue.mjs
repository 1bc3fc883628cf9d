#!/usr/bin/env node
/**
 * Generates electron/engine/providers/github/catalogue.json from GitHub's official webhooks OpenAPI
 * document (@octokit/openapi-webhooks, generated/api.github.com.json, a devDependency).
 *
 * The app must not load a devDependency at run time, so the catalogue is committed: one entry per
 * OpenAPI `webhooks` key (an event/action pair), the JSON Schema components those entries reach
 * (documentation keywords stripped: they are most of the size and no validator reads them), and a
 * template per entry: GitHub's own example where the document ships one, else a body synthesised from
 * the schema (required properties only) and checked against it here.
 *
 * Run: node scripts/generate-github-catalogue.mjs   (re-run after upgrading @octokit/openapi-webhooks)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = dirname(require.resolve('@octokit/openapi-webhooks/package.json'));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const documentText = readFileSync(join(packageDir, 'generated/api.github.com.json'), 'utf8');
const document = JSON.parse(documentText);
const out = join(root, 'electron/engine/providers/github/catalogue.json');

const REF_PREFIX = '#/components/schemas/';
const schemas = document.components.schemas;
const examples = document.components.examples ?? {};
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords that only document; dropping them changes no validation result. */
const DOC_KEYWORDS = new Set(['description', 'title', 'examples', 'example', 'deprecated']);

/** Applies `map` to every subschema of `schema` (schema positions only: a property may well be named "description"). */
function mapSubschemas(schema, map) {
  if (!isObject(schema)) return schema;
  const result = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties' || key === '$defs') {
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, map(sub)]),
      );
    } else if (['allOf', 'anyOf', 'oneOf', 'prefixItems'].includes(key)) {
      result[key] = value.map(map);
    } else if (
      ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'].includes(key)
    ) {
      result[key] = map(value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** Drops documentation keywords and records the components a schema reaches. */
function strip(schema, reached) {
  if (!isObject(schema)) return schema;
  const own = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DOC_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) {
      reached.add(value.slice(REF_PREFIX.length));
    }
    own[key] = value;
  }
  return mapSubschemas(own, (sub) => strip(sub, reached));
}

const resolve = (schema) =>
  isObject(schema) && typeof schema.$ref === 'string'
    ? resolve(schemas[schema.$ref.slice(REF_PREFIX.length)])
    : schema;

/** Values that read like GitHub's, chosen by property name, for strings without enum or format. */
function stringFor(name, format) {
  if (format === 'date-time' || /_at$|^date$|^timestamp$/.test(name)) return '2024-05-02T10:14:22Z';
  if (format === 'date') return '2024-05-02';
  if (format === 'email') return 'octocat@github.com';
  if (format === 'uri' || format === 'uri-template' || /(^|_)url$/.test(name)) {
    return `https://api.github.com/repos/octocat/hello-world/${name.replace(/_?url$/, '') || 'x'}`;
  }
  if (/sha$|^before$|^after$|^head$|^base$/.test(name))
    return '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
  if (name === 'login' || name === 'owner') return 'octocat';
  if (name === 'node_id') return 'MDQ6VXNlcjE=';
  if (name === 'full_name') return 'octocat/hello-world';
  if (name === 'name') return 'hello-world';
  if (name === 'ref') return 'refs/heads/main';
  if (name === 'color') return 'ededed';
  return name === '' ? 'example' : `example ${name.replaceAll('_', ' ')}`;
}

/** A body that satisfies `schema`: required properties only, first enum value, first viable branch. */
function synthesise(schema, name, depth, branchChoice) {
  schema = resolve(schema);
  if (!isObject(schema)) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum))
    return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => synthesise(part, name, depth, branchChoice));
    const own = synthesise({ ...schema, allOf: undefined }, name, depth, branchChoice);
    return parts.every(isObject) ? Object.assign({}, ...parts, isObject(own) ? own : {}) : parts[0];
  }
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(schema[key])) {
      const viable = schema[key].filter((branch) => resolve(branch)?.type !== 'null');
      const list = viable.length > 0 ? viable : schema[key];
      return synthesise(list[branchChoice % list.length], name, depth, 0);
    }
  }
  let type = schema.type;
  if (Array.isArray(type)) type = type.find((item) => item !== 'null') ?? 'null';
  if (type === undefined && isObject(schema.properties)) type = 'object';
  // Deep optional cycles (a repository's template repository...) end at null where allowed.
  if (depth > 12) return null;
  switch (type) {
    case 'object': {
      const body = {};
      for (const key of schema.required ?? []) {
        const sub = schema.properties?.[key] ?? schema.additionalProperties ?? {};
        body[key] = synthesise(sub, key, depth + 1, branchChoice);
      }
      return body;
    }
    case 'array':
      return schema.minItems > 0
        ? [synthesise(schema.items ?? {}, name, depth + 1, branchChoice)]
        : [];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : name === 'id' ? 1296269 : 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return stringFor(name, schema.format);
    default:
      return {};
  }
}

/** JSON.parse loses integers beyond 2^53; refuse a source with such a literal instead of rounding it. */
function assertExactIntegers(text, where) {
  for (const match of text.matchAll(/(?<![\w."])-?\d{16,}(?![\w."])/g)) {
    if (!Number.isSafeInteger(Number(match[0]))) {
      throw new Error(`${where}: integer ${match[0]} exceeds 2^53; keep it as raw JSON text`);
    }
  }
}

/** The `action` an entry fixes: an enum on the schema or, for oneOf schemas, on its first branch. */
function actionOf(schema) {
  const own = resolve(schema?.properties?.action)?.enum?.[0];
  if (typeof own === 'string') return own;
  for (const branch of schema?.oneOf ?? schema?.allOf ?? []) {
    const found = actionOf(resolve(branch));
    if (found !== undefined) return found;
  }
  return undefined;
}

const reached = new Set();
const events = [];
for (const [key, pathItem] of Object.entries(document.webhooks)) {
  const operation = pathItem.post;
  const media = operation.requestBody.content['application/json'];
  const ref = media.schema.$ref.slice(REF_PREFIX.length);
  reached.add(ref);
  // A few subcategories are spelled with dashes; GitHub's X-GitHub-Event (and @octokit/webhooks' names) use underscores.
  const eventName = operation['x-github'].subcategory.replaceAll('-', '_');
  const action = actionOf(resolve(schemas[ref]));
  const name = typeof action === 'string' ? `${eventName}.${action}` : eventName;
  const exampleRef = media.examples?.default?.$ref;
  const example = exampleRef ? examples[exampleRef.split('/').pop()]?.value : undefined;
  events.push({
    name,
    event: eventName,
    key,
    description: (operation.description ?? operation.summary ?? '').split('\n')[0],
    schema: ref,
    official: example !== undefined,
    example,
  });
}
assertExactIntegers(JSON.stringify(examples), 'components.examples');

// Close the reached set over $refs, stripping as we go.
const stripped = {};
const queue = [...reached];
while (queue.length > 0) {
  const name = queue.pop();
  if (name in stripped) continue;
  const found = new Set();
  stripped[name] = strip(schemas[name], found);
  for (const next of found) if (!(next in stripped)) queue.push(next);
}

const ajv = new Ajv2020({ strict: false, allErrors: false, verbose: true });
addFormats(ajv);
ajv.addSchema({ components: { schemas: stripped } }, 'catalogue');

/** Sets the value at a JSON pointer inside `document` (the repair loop's only edit). */
function setAt(document, pointer, value) {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (tokens.length === 0) return value;
  let parent = document;
  for (const token of tokens.slice(0, -1)) parent = parent[token];
  parent[tokens.at(-1)] = value;
  return document;
}

/**
 * The synthesiser picks the first enum value and the first branch; where allOf parts disagree
 * (a fork's `fork: true`, an advisory's `author: null`) the validator says what it wants: apply that.
 */
function repair(template, validate) {
  for (let round = 0; round < 20 && !validate(template); round += 1) {
    const error = validate.errors[0];
    const { keyword, params, instancePath } = error;
    if (keyword === 'enum') template = setAt(template, instancePath, params.allowedValues[0]);
    else if (keyword === 'const') template = setAt(template, instancePath, params.allowedValue);
    else if (keyword === 'type' && params.type === 'null')
      template = setAt(template, instancePath, null);
    else if (keyword === 'format' && /date-time/.test(params.format)) {
      template = setAt(template, instancePath, '2024-05-02T10:14:22Z');
    } else return undefined;
  }
  return validate(template) ? template : undefined;
}

const problems = [];
for (const entry of events) {
  const validate = ajv.getSchema(`catalogue#/components/schemas/${entry.schema}`);
  let template = entry.example;
  if (template === undefined || !validate(template)) {
    if (template !== undefined)
      problems.push(`${entry.name}: GitHub's own example does not validate`);
    template = undefined;
    for (let choice = 0; choice < 4 && template === undefined; choice += 1) {
      template = repair(synthesise(schemas[entry.schema], '', 0, choice), validate);
    }
  }
  if (template === undefined) {
    // GitHub's document has a few unsatisfiable schemas (`allOf: [simple-user], type: ["null"]` on a
    // required property): real deliveries would all be "invalid", so such entries ship without schema.
    template = synthesise(schemas[entry.schema], '', 0, 0);
    validate(template);
    entry.schemaProblem = `no body synthesised from the OpenAPI schema ${entry.schema} validates (${ajv.errorsText(validate.errors)}); GitHub's schema may be unsatisfiable`;
    problems.push(`${entry.name}: ${entry.schemaProblem}; shipped without schema`);
    entry.schema = null;
  }
  entry.template = template;
  delete entry.example;
}

/**
 * Size: OpenAPI inlines the same subschema (a user, a license...) hundreds of times, and every
 * template repeats its repository and sender. Both are shared once: repeated inline schemas become
 * `#/components/schemas/_<n>` refs, repeated template subtrees `{"$fragment": "<n>"}` that the
 * catalogue loader expands (github/catalogue.ts). Neither changes what validates or what is sent.
 */
function countSubtrees(value, counts, minLength, isSchema) {
  if (!isObject(value) && !Array.isArray(value)) return;
  const text = JSON.stringify(value);
  if (text.length >= minLength) counts.set(text, (counts.get(text) ?? 0) + 1);
  if (isSchema) mapSubschemas(value, (sub) => (countSubtrees(sub, counts, minLength, true), sub));
  else for (const item of Object.values(value)) countSubtrees(item, counts, minLength, false);
}

const schemaCounts = new Map();
for (const schema of Object.values(stripped))
  mapSubschemas(schema, (sub) => (countSubtrees(sub, schemaCounts, 200, true), sub));
const hoisted = new Map();
function hoist(schema) {
  if (!isObject(schema)) return schema;
  const text = JSON.stringify(schema);
  if ((schemaCounts.get(text) ?? 0) > 1 && !text.startsWith('{"$ref"')) {
    let name = hoisted.get(text);
    if (name === undefined) {
      name = `_${hoisted.size}`;
      hoisted.set(text, name);
      stripped[name] = mapSubschemas(schema, hoist);
    }
    return { $ref: REF_PREFIX + name };
  }
  return mapSubschemas(schema, hoist);
}
for (const name of Object.keys(stripped)) {
  if (!name.startsWith('_')) stripped[name] = mapSubschemas(stripped[name], hoist);
}

const templateCounts = new Map();
for (const entry of events) countSubtrees(entry.template, templateCounts, 120, false);
const fragments = {};
const fragmentNames = new Map();
function share(value) {
  if (!isObject(value) && !Array.isArray(value)) return value;
  const text = JSON.stringify(value);
  if ((templateCounts.get(text) ?? 0) > 1) {
    let name = fragmentNames.get(text);
    if (name === undefined) {
      name = String(fragmentNames.size);
      fragmentNames.set(text, name);
      fragments[name] = Array.isArray(value)
        ? value.map(share)
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, share(v)]));
    }
    return { $fragment: name };
  }
  return Array.isArray(value)
    ? value.map(share)
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, share(v)]));
}
for (const entry of events) {
  const shared = share(entry.template);
  // The top level stays an object of its own, so every event's body is visible in the file.
  entry.template =
    isObject(shared) && typeof shared.$fragment === 'string' ? fragments[shared.$fragment] : shared;
}

const names = new Set();
for (const entry of events) {
  if (names.has(entry.name)) throw new Error(`duplicate catalogue name ${entry.name}`);
  names.add(entry.name);
}

const catalogue = {
  source: `${packageJson.name}@${packageJson.version} generated/api.github.com.json`,
  components: { schemas: stripped },
  fragments,
  events: events.map(
    ({ name, event, key, description, schema, schemaProblem, official, template }) => ({
      name,
      event,
      key,
      description,
      schema,
      ...(schemaProblem ? { schemaProblem } : {}),
      official,
      template,
    }),
  ),
};
const text = JSON.stringify(catalogue);
writeFileSync(out, text + '\n');
console.log(
  `${events.length} events (${events.filter((e) => e.official).length} with GitHub's own example), ` +
    `${Object.keys(stripped).length} schemas, ${(text.length / 1024).toFixed(0)} KiB -> ${out}`,
);
for (const problem of problems) console.log(`note: ${problem}`);
