import type { Engine } from '../engine-types';
import { findUserSchema } from '../capture-rules/user-schema-lookup';
import { compareLearned, learnedSchemaDocument, LearningError } from '../learning';
import { ApiError } from './api-error';
import type { Handlers } from './handlers';

type LearningCalls =
  'learning:models' | 'learning:schema' | 'learning:compare' | 'learning:use' | 'learning:settings';

/** Errors of the learning service keep their code across the bridge. */
async function guarded<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LearningError) throw new ApiError(error.code, error.message);
    throw error;
  }
}

/** Inferred schemas and drift (issue 16). */
export function createLearningHandlers(engine: Engine): Pick<Handlers, LearningCalls> {
  const { store } = engine;
  return {
    'learning:models': async ({ endpoint }) => {
      await store.whenReadable();
      return store.learning.list(endpoint);
    },
    'learning:schema': async ({ endpoint, event, format }) => {
      await store.whenReadable();
      return guarded(() => {
        const { fileName, text } = learnedSchemaDocument(store, { endpoint, event }, format);
        return { fileName, text };
      });
    },
    'learning:compare': async (ref) => {
      await store.whenReadable();
      return guarded(() =>
        compareLearned(store, ref, (path, event) => {
          const found = findUserSchema(engine.captureRules.snapshot().schemas, path, event);
          return found ? { name: `user schema ${found.name}`, schema: found.schema } : null;
        }),
      );
    },
    'learning:use': async (ref) => {
      await store.whenReadable();
      const { document } = await guarded(() => learnedSchemaDocument(store, ref, 'json-schema'));
      if (!ref.endpoint.startsWith('/'))
        throw new ApiError('invalid-input', `endpoint must be a path starting with "/"`);
      const name = `learned ${String(document['title'] ?? ref.endpoint)}`.slice(0, 200);
      const [added] = await engine.captureRules.importSchemas({
        endpoint: ref.endpoint,
        ...(ref.event ? { event: ref.event } : {}),
        format: 'json-schema',
        document: JSON.stringify(document),
        name,
      });
      return { schemaName: added?.name ?? name };
    },
    'learning:settings': async ({ settleAfter }) => {
      const config =
        settleAfter === undefined
          ? store.learning.config()
          : store.learning.configure({ settleAfter });
      return { settleAfter: config.settleAfter };
    },
  };
}
