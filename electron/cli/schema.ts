import { learnedSchemaDocument, LearningError } from '../engine';
import { parseChoice, parseCommandArgs, UsageError } from './args';
import { dataDirFrom, openExistingStore } from './open-existing-store';

export const SCHEMA_HELP = `Usage: hookscope schema infer [options]

Prints the schema Hookscope learned from stored deliveries (issue 16): types per JSON pointer
(null included), required and optional keys, enums of short repeated strings, formats (date-time,
uuid, email, uri, integer-as-string), array items. Learning happens as deliveries are stored.

  json-schema  JSON Schema 2020-12 of one model (an endpoint's event, or its path)
  openapi      OpenAPI 3.1 with a "webhooks" entry per event of the endpoint and the newest
               stored delivery of each as its example

Options:
  --data-dir DIR         the store to read (default: the platform data folder)
  --endpoint PATH        the endpoint (or, for deliveries to no endpoint, the request path);
                         without it, the only endpoint that has models
  --event E              the event (json-schema: needed when the endpoint has several models)
  --format json-schema|openapi   default json-schema
  -h, --help             show this help

Exit codes: 0 printed, 1 nothing learned for that endpoint/event (or no store), 2 usage error.
`;

const SCHEMA_OPTIONS = {
  'data-dir': { type: 'string' },
  endpoint: { type: 'string' },
  event: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS = ['json-schema', 'openapi'] as const;

export async function schemaCommand(argv: readonly string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === '--help' || subcommand === '-h') {
    process.stdout.write(SCHEMA_HELP);
    return subcommand === undefined ? 2 : 0;
  }
  if (subcommand !== 'infer')
    throw new UsageError(`unknown subcommand "${subcommand}" (try "schema infer")`);
  const { values } = parseCommandArgs(rest, SCHEMA_OPTIONS);
  if (values.help) {
    process.stdout.write(SCHEMA_HELP);
    return 0;
  }
  const format = parseChoice(values.format, 'format', FORMATS) ?? 'json-schema';
  const store = openExistingStore(dataDirFrom(values['data-dir']));
  try {
    let endpoint = values.endpoint;
    if (endpoint === undefined) {
      const endpoints = [...new Set(store.learning.list().map((model) => model.endpoint))];
      if (endpoints.length !== 1) {
        process.stderr.write(
          endpoints.length === 0
            ? 'hookscope schema: nothing learned yet (no JSON deliveries stored)\n'
            : `hookscope schema: models exist for ${endpoints.length} endpoints, pick one with --endpoint: ${endpoints.join(', ')}\n`,
        );
        return endpoints.length === 0 ? 1 : 2;
      }
      endpoint = endpoints[0] as string;
    }
    const document = learnedSchemaDocument(
      store,
      { endpoint, event: values.event ?? null },
      format,
    );
    process.stdout.write(document.text);
    return 0;
  } catch (error) {
    if (!(error instanceof LearningError)) throw error;
    process.stderr.write(`hookscope schema: ${error.message}\n`);
    return 1;
  } finally {
    store.close();
  }
}
