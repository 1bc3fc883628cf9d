// String formats learned per pointer. The tests are the JSON Schema formats a schema can state
// (date-time, date, uuid, email, uri) plus integer-as-string, the Kanboard/PHP habit of sending
// ids and timestamps as "123" (kanboard app/Model/TaskModel.php reads them from PDO as strings).
export type StringFormat =
  'date-time' | 'date' | 'uuid' | 'email' | 'uri' | 'integer-as-string' | 'empty' | 'text';

// Anchored, linear patterns (no nested quantifiers): safe on any string the limit allows.
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@.]{1,63}$/;
const URI = /^[a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/\S{1,4096}$/;
const INTEGER = /^-?\d{1,19}$/;

/** Longer strings are text: no format of interest is longer. */
const MAX_FORMAT_LENGTH = 4_200;

export function formatOf(text: string): StringFormat {
  if (text.length === 0) return 'empty';
  if (text.length > MAX_FORMAT_LENGTH) return 'text';
  if (INTEGER.test(text)) return 'integer-as-string';
  if (DATE_TIME.test(text)) return 'date-time';
  if (DATE.test(text)) return 'date';
  if (UUID.test(text)) return 'uuid';
  if (EMAIL.test(text)) return 'email';
  if (URI.test(text)) return 'uri';
  return 'text';
}

/** The JSON Schema keywords for a learned format (integer-as-string is a pattern). */
export function schemaOfFormat(format: StringFormat): Record<string, string> {
  switch (format) {
    case 'date-time':
    case 'date':
    case 'uuid':
    case 'email':
    case 'uri':
      return { format };
    case 'integer-as-string':
      return { pattern: '^-?[0-9]+$' };
    default:
      return {};
  }
}
