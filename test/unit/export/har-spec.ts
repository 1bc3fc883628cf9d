// A checker for the HAR 1.2 spec (http://www.softwareishard.com/blog/har-12-spec/): required
// fields and their types, as Chrome DevTools' and HTTP Toolkit's (har-validator) importers read them.
// Returns a list of problems so a failing test says what is wrong.

type Json = Record<string, unknown>;
type Kind = 'string' | 'number' | 'array' | 'object' | 'integer';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function check(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === kind;
  }
}

function requireFields(
  problems: string[],
  where: string,
  value: unknown,
  fields: Record<string, Kind>,
): void {
  if (!isObject(value)) {
    problems.push(`${where}: not an object`);
    return;
  }
  for (const [field, kind] of Object.entries(fields)) {
    if (!(field in value)) problems.push(`${where}.${field}: missing`);
    else if (!check(value[field], kind)) problems.push(`${where}.${field}: not ${kind}`);
  }
}

function allowOnly(problems: string[], where: string, value: unknown, fields: string[]): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    // Custom fields are allowed when they start with an underscore.
    if (!fields.includes(key) && !key.startsWith('_'))
      problems.push(`${where}.${key}: not a HAR field`);
  }
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function checkNameValues(problems: string[], where: string, list: unknown): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, i) => {
    requireFields(problems, `${where}[${i}]`, item, { name: 'string', value: 'string' });
  });
}

export function harProblems(har: unknown): string[] {
  const problems: string[] = [];
  requireFields(problems, 'har', har, { log: 'object' });
  if (!isObject(har) || !isObject(har.log)) return problems;
  const log = har.log;
  requireFields(problems, 'log', log, { version: 'string', creator: 'object', entries: 'array' });
  requireFields(problems, 'log.creator', log.creator, { name: 'string', version: 'string' });
  if (log.version !== '1.2') problems.push('log.version: not 1.2');
  const entries = Array.isArray(log.entries) ? log.entries : [];
  entries.forEach((entry: unknown, i) => {
    const at = `log.entries[${i}]`;
    requireFields(problems, at, entry, {
      startedDateTime: 'string',
      time: 'number',
      request: 'object',
      response: 'object',
      cache: 'object',
      timings: 'object',
    });
    allowOnly(problems, at, entry, [
      'pageref',
      'startedDateTime',
      'time',
      'request',
      'response',
      'cache',
      'timings',
      'serverIPAddress',
      'connection',
      'comment',
    ]);
    if (!isObject(entry)) return;
    if (typeof entry.startedDateTime === 'string' && !ISO_DATE.test(entry.startedDateTime)) {
      problems.push(`${at}.startedDateTime: not ISO 8601`);
    }
    if (typeof entry.time === 'number' && entry.time < 0) problems.push(`${at}.time: negative`);

    const request = entry.request;
    requireFields(problems, `${at}.request`, request, {
      method: 'string',
      url: 'string',
      httpVersion: 'string',
      cookies: 'array',
      headers: 'array',
      queryString: 'array',
      headersSize: 'integer',
      bodySize: 'integer',
    });
    if (isObject(request)) {
      if (typeof request.url === 'string' && !URL.canParse(request.url)) {
        problems.push(`${at}.request.url: not an absolute URL`);
      }
      checkNameValues(problems, `${at}.request.headers`, request.headers);
      checkNameValues(problems, `${at}.request.queryString`, request.queryString);
      if (request.postData !== undefined) {
        requireFields(problems, `${at}.request.postData`, request.postData, { mimeType: 'string' });
        const postData = request.postData as Json;
        if (!('text' in postData) && !('params' in postData)) {
          problems.push(`${at}.request.postData: neither text nor params`);
        }
      }
    }

    const response = entry.response;
    requireFields(problems, `${at}.response`, response, {
      status: 'integer',
      statusText: 'string',
      httpVersion: 'string',
      cookies: 'array',
      headers: 'array',
      content: 'object',
      redirectURL: 'string',
      headersSize: 'integer',
      bodySize: 'integer',
    });
    if (isObject(response)) {
      checkNameValues(problems, `${at}.response.headers`, response.headers);
      requireFields(problems, `${at}.response.content`, response.content, {
        size: 'integer',
        mimeType: 'string',
      });
    }

    requireFields(problems, `${at}.timings`, entry.timings, {
      send: 'number',
      wait: 'number',
      receive: 'number',
    });
    if (isObject(entry.timings)) {
      for (const [name, value] of Object.entries(entry.timings)) {
        if (typeof value === 'number' && value < -1)
          problems.push(`${at}.timings.${name}: below -1`);
      }
    }
  });
  return problems;
}
