// What the shells ask of learning: the models, a model as a schema document, how a model and a
// schema disagree, and turning a model into the endpoint's schema. One place for the app's calls
// (api/learning-handlers.ts) and `hookscope schema infer`.
import type {
  LearnedModelRef,
  LearnedSchemaFormat,
  SchemaComparison,
} from '../../contract/learning';
import { findProvider } from '../providers/registry';
import type { DeliveryStore } from '../store/types';
import { compareWithSchema } from './compare-schema';
import { inferJsonSchema, inferOpenApi, type OpenApiEntry } from './infer-schema';
import type { LearnedModel } from './learning-book';
import { modelKeyOf, parseJsonBody } from './model-key';

export class LearningError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid-input',
    message: string,
  ) {
    super(message);
  }
}

const title = (model: LearnedModel) => model.event ?? model.path ?? model.endpoint;

function requireModel(store: DeliveryStore, ref: LearnedModelRef): LearnedModel {
  const model = store.learning.find(ref.endpoint, ref.event);
  if (model) return model;
  const known = store.learning.list(ref.endpoint);
  const what = ref.event ? `event "${ref.event}" of ${ref.endpoint}` : ref.endpoint;
  throw new LearningError(
    'not-found',
    known.length > 1 && !ref.event
      ? `${ref.endpoint} has ${known.length} learned models: name an event (${known.map((m) => m.event ?? m.path).join(', ')})`
      : `nothing learned yet for ${what}`,
  );
}

/** Recent deliveries of a model, newest first: where examples and the provider come from. */
function* recentOf(store: DeliveryStore, model: LearnedModel, limit = 50) {
  const page = store.list({
    limit,
    ...(model.event ? { event: model.event } : { pathPrefix: model.path ?? model.endpoint }),
  });
  for (const summary of page.items) {
    if (modelKeyOf(summary).key !== model.key) continue;
    const delivery = store.get(summary.id);
    if (delivery) yield delivery;
  }
}

/** The newest stored body of the model that parses as JSON (the OpenAPI example). */
function exampleOf(store: DeliveryStore, model: LearnedModel): unknown {
  for (const delivery of recentOf(store, model)) {
    const body = parseJsonBody(delivery.body, delivery.contentType);
    if (body !== undefined) return body;
  }
  return null;
}

export interface SchemaDocument {
  fileName: string;
  text: string;
  /** The document itself, for callers that go on with it (import, validation). */
  document: Record<string, unknown>;
}

const slug = (text: string) =>
  text
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'learned';

/**
 * JSON Schema of one model; OpenAPI of one model, or of every model of the endpoint when no
 * event is named.
 */
export function learnedSchemaDocument(
  store: DeliveryStore,
  ref: LearnedModelRef,
  format: LearnedSchemaFormat,
): SchemaDocument {
  if (format === 'json-schema') {
    const model = requireModel(store, ref);
    const document = inferJsonSchema(model.model, `${model.endpoint} ${title(model)}`);
    return {
      fileName: `${slug(`${model.endpoint}-${title(model)}`)}.schema.json`,
      text: `${JSON.stringify(document, null, 2)}\n`,
      document,
    };
  }
  const models = ref.event
    ? [requireModel(store, ref)]
    : store.learning
        .list(ref.endpoint)
        .map((summary) => store.learning.find(summary.endpoint, summary.event ?? summary.path))
        .filter((model): model is LearnedModel => model !== null);
  if (models.length === 0)
    throw new LearningError('not-found', `nothing learned yet for ${ref.endpoint}`);
  const entries: OpenApiEntry[] = models.map((model) => ({
    name: title(model),
    model: model.model,
    example: exampleOf(store, model),
  }));
  const document = inferOpenApi(entries, `Webhooks of ${ref.endpoint}`);
  return {
    fileName: `${slug(ref.endpoint)}.openapi.json`,
    text: `${JSON.stringify(document, null, 2)}\n`,
    document,
  };
}

/** The schema a model is compared with: the endpoint's own for the event, else the provider's. */
export interface ComparedSchema {
  name: string;
  schema: Record<string, unknown>;
}

export function compareLearned(
  store: DeliveryStore,
  ref: LearnedModelRef,
  userSchema: (endpoint: string, event: string | null) => ComparedSchema | null,
): SchemaComparison {
  const model = requireModel(store, ref);
  let compared = userSchema(model.endpoint, model.event);
  if (!compared && model.event) {
    for (const delivery of recentOf(store, model, 20)) {
      const provider = delivery.provider ? findProvider(delivery.provider) : undefined;
      const event = provider?.events.find((candidate) => candidate.name === model.event);
      if (provider && event?.schema) {
        compared = { name: `${provider.id} ${event.name}`, schema: event.schema };
        break;
      }
    }
  }
  if (!compared) return { providerSchema: null, disagreements: [] };
  return {
    providerSchema: compared.name,
    disagreements: compareWithSchema(compared.schema, model.model),
  };
}
