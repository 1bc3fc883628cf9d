import type { EventDefinition } from '../types';
import catalogueJson from './catalogue.json';

/**
 * GitHub's full webhook catalogue: one entry per event/action pair of GitHub's official webhooks
 * OpenAPI document (@octokit/openapi-webhooks, generated/api.github.com.json), generated into
 * catalogue.json by scripts/generate-github-catalogue.mjs so the app needs no devDependency at run
 * time. Names follow @octokit/webhooks (`pull_request.opened`; `push` where an event has no action).
 */
interface CatalogueEntry {
  name: string;
  /** The X-GitHub-Event header value. */
  event: string;
  /** The OpenAPI `webhooks` key. */
  key: string;
  description: string;
  /** Component name of the body schema; null where GitHub's schema rejects every body we could build. */
  schema: string | null;
  schemaProblem?: string;
  /** Whether the template is GitHub's own example (else synthesised from the schema). */
  official: boolean;
  template: unknown;
}

interface Catalogue {
  source: string;
  components: { schemas: Record<string, unknown> };
  /** Template subtrees shared between events, referenced as `{"$fragment": "<name>"}`. */
  fragments: Record<string, unknown>;
  events: CatalogueEntry[];
}

const catalogue = catalogueJson as unknown as Catalogue;

export const GITHUB_CATALOGUE_SOURCE = catalogue.source;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces `{"$fragment": name}` with the fragment's (recursively expanded) value. */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (!isRecord(value)) return value;
  const fragment = value['$fragment'];
  if (typeof fragment === 'string' && Object.keys(value).length === 1) {
    return expand(catalogue.fragments[fragment]);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item)]));
}

/** What X-GitHub-Event a catalogue name is sent with (`pull_request.opened` -> `pull_request`). */
const headerEvents = new Map(catalogue.events.map((entry) => [entry.name, entry.event]));
export function githubHeaderEvent(name: string): string {
  return headerEvents.get(name) ?? name.split('.')[0] ?? name;
}

/** Catalogue names, to tell `issues.opened` (catalogued) from an uncatalogued action. */
export const githubCatalogueNames: ReadonlySet<string> = new Set(headerEvents.keys());

export const githubEvents: readonly EventDefinition[] = catalogue.events.map((entry) => ({
  name: entry.name,
  description: entry.official
    ? entry.description
    : `${entry.description} (template synthesised from GitHub's schema)`,
  // One shared components object: every event's schema is a $ref into it (ajv compiles what is reached).
  ...(entry.schema === null
    ? {}
    : {
        schema: {
          $ref: `#/components/schemas/${entry.schema}`,
          components: catalogue.components,
        },
      }),
  template: expand(entry.template),
}));

/**
 * The three names Hookscope offered before the catalogue, and every bare event name, resolve to a
 * catalogued pair: `pull_request` -> `pull_request.opened` (the first of `opened`, `created` or the
 * event's first action).
 */
function bareEventAliases(): Record<string, string> {
  const byEvent = new Map<string, string[]>();
  for (const entry of catalogue.events) {
    byEvent.set(entry.event, [...(byEvent.get(entry.event) ?? []), entry.name]);
  }
  const aliases: Record<string, string> = {};
  for (const [event, names] of byEvent) {
    if (names.includes(event)) continue;
    aliases[event] =
      names.find((name) => name === `${event}.opened`) ??
      names.find((name) => name === `${event}.created`) ??
      names[0]!;
  }
  return aliases;
}

export const githubEventAliases: Readonly<Record<string, string>> = bareEventAliases();
