/** A parsed Content-Type header: media type in lower case, charset in lower case when given. */
export interface ContentType {
  mediaType: string;
  charset: string | null;
}

export function parseContentType(value: string): ContentType {
  const [type = '', ...parameters] = value.split(';');
  let charset: string | null = null;
  for (const parameter of parameters) {
    const [key = '', raw = ''] = parameter.split('=');
    if (key.trim().toLowerCase() === 'charset') {
      charset = raw
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

export function isJsonMediaType(mediaType: string): boolean {
  return (
    mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json'
  );
}

/** Media types whose body is text, so its bytes must decode in the declared charset. */
export function isTextMediaType(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    isJsonMediaType(mediaType) ||
    mediaType === 'application/xml' ||
    mediaType.endsWith('+xml') ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'application/javascript'
  );
}

export function isUtf8Charset(charset: string): boolean {
  return charset === 'utf-8' || charset === 'utf8';
}
