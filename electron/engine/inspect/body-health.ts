import type { RawHeaders } from '../../contract/delivery';
import type { HealthFinding } from '../../contract/verdict';
import { headerValues } from '../providers/raw-headers';
import { isJsonMediaType, isTextMediaType, isUtf8Charset, parseContentType } from './content-type';
import { contentBytes, type DecodedBody } from './content-encoding';
import { bodyText, hasUtf8Bom, readJsonBody } from './json-body';
import { firstInvalidUtf8Offset, isAscii } from './utf8-scan';

/** Stable codes: the UI, filters and tests key on them. */
export const HEALTH_CODES = {
  truncated: 'truncated-body',
  empty: 'empty-body',
  duplicateContentType: 'duplicate-content-type',
  missingContentType: 'missing-content-type',
  contentLengthMismatch: 'content-length-mismatch',
  utf8Bom: 'utf8-bom',
  utf16Bom: 'utf16-bom',
  invalidUtf8: 'invalid-utf8',
  jsonCharsetNotUtf8: 'json-charset-not-utf8',
  charsetMismatch: 'charset-mismatch',
  invalidJson: 'invalid-json',
  jsonNotDeclared: 'json-not-declared',
  contentEncoding: 'content-encoding',
  contentEncodingError: 'content-encoding-error',
} as const;

/** Charsets that give every byte a meaning, so UTF-8 bytes "decode" into mojibake silently. */
const SINGLE_BYTE_CHARSETS = /^(iso-8859-\d+|latin1|windows-125\d|cp125\d|us-ascii|ascii)$/;

function finding(
  code: string,
  severity: HealthFinding['severity'],
  message: string,
): HealthFinding {
  return { code, severity, message };
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** Starts like a JSON document (object or array): bare scalars such as `ok` or `1` are not JSON bodies. */
function looksLikeJsonDocument(body: Uint8Array): boolean {
  const parsed = readJsonBody(body);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null;
}

/**
 * Raw-byte health of a body: what a receiver's framework would stumble on before any signature or
 * schema check. Never throws; each problem is one finding with a stable code.
 */
export function bodyHealth(
  rawHeaders: RawHeaders,
  sent: Uint8Array,
  truncated: boolean,
  /** The body with its Content-Encoding undone (decodeBody): later checks judge those bytes. */
  decoded?: DecodedBody,
): HealthFinding[] {
  const findings: HealthFinding[] = [];
  let body = sent;
  if (decoded?.encoding != null) {
    const bytes = contentBytes(decoded);
    if (bytes) {
      body = bytes;
      findings.push(
        finding(
          HEALTH_CODES.contentEncoding,
          'info',
          `Content-Encoding ${decoded.encoding}: decoded ${sent.length} → ${bytes.length} bytes; the checks below judge the decoded bytes (the stored body stays as sent).`,
        ),
      );
    } else {
      findings.push(
        finding(
          HEALTH_CODES.contentEncodingError,
          'error',
          `Content-Encoding ${decoded.encoding} could not be undone (${decoded.error ?? 'unknown error'}); the checks below judge the bytes as sent.`,
        ),
      );
    }
  }
  const contentTypes = headerValues(rawHeaders, 'content-type');
  const declared = contentTypes[0] === undefined ? null : parseContentType(contentTypes[0]);
  const declaredJson = declared !== null && isJsonMediaType(declared.mediaType);

  if (truncated) {
    findings.push(
      finding(
        HEALTH_CODES.truncated,
        'error',
        `Only the first ${sent.length} bytes were kept (the body exceeded the size limit): signature and schema checks see an incomplete body.`,
      ),
    );
  }
  if (contentTypes.length > 1) {
    findings.push(
      finding(
        HEALTH_CODES.duplicateContentType,
        'warning',
        `${contentTypes.length} Content-Type headers were sent (${contentTypes.join(' | ')}); frameworks disagree on which one wins.`,
      ),
    );
  }
  checkContentLength(rawHeaders, sent, truncated, findings);

  if (body.length === 0) {
    findings.push(
      declaredJson
        ? finding(
            HEALTH_CODES.empty,
            'warning',
            `Content-Type says ${declared?.mediaType} but the body is empty.`,
          )
        : finding(HEALTH_CODES.empty, 'info', 'The body is empty.'),
    );
    return findings;
  }

  checkByteOrderMarks(body, findings);
  checkCharset(body, declared, declaredJson, findings);

  if (declaredJson) {
    checkJsonSyntax(body, truncated, findings);
  } else if (looksLikeJsonDocument(body)) {
    findings.push(
      finding(
        HEALTH_CODES.jsonNotDeclared,
        'warning',
        declared === null
          ? 'The body is JSON but no Content-Type was sent; many frameworks will not parse it.'
          : `The body is JSON but Content-Type says ${declared.mediaType}; frameworks will not parse it as JSON.`,
      ),
    );
  } else if (declared === null) {
    findings.push(
      finding(
        HEALTH_CODES.missingContentType,
        'info',
        'No Content-Type header was sent with a non-empty body.',
      ),
    );
  }
  return findings;
}

function checkContentLength(
  rawHeaders: RawHeaders,
  body: Uint8Array,
  truncated: boolean,
  findings: HealthFinding[],
): void {
  const lengths = headerValues(rawHeaders, 'content-length');
  const declared = lengths[0];
  if (truncated || declared === undefined || !/^\d+$/.test(declared.trim())) return;
  if (Number(declared.trim()) !== body.length) {
    findings.push(
      finding(
        HEALTH_CODES.contentLengthMismatch,
        'warning',
        `Content-Length says ${declared.trim()} bytes but ${body.length} bytes were received.`,
      ),
    );
  }
}

function checkByteOrderMarks(body: Uint8Array, findings: HealthFinding[]): void {
  if (hasUtf8Bom(body)) {
    findings.push(
      finding(
        HEALTH_CODES.utf8Bom,
        'warning',
        'The body starts with a UTF-8 byte order mark (EF BB BF); JSON forbids it (RFC 8259 §8.1) and strict parsers such as JSON.parse reject it.',
      ),
    );
  } else if ((body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe)) {
    findings.push(
      finding(
        HEALTH_CODES.utf16Bom,
        'warning',
        `The body starts with a UTF-16 byte order mark (${body[0] === 0xfe ? 'FE FF' : 'FF FE'}): it is UTF-16 text, which most webhook receivers expect as UTF-8.`,
      ),
    );
  }
}

function checkCharset(
  body: Uint8Array,
  declared: ReturnType<typeof parseContentType> | null,
  declaredJson: boolean,
  findings: HealthFinding[],
): void {
  const textual = declared === null || isTextMediaType(declared.mediaType);
  if (!textual) return;
  const charset = declared?.charset ?? null;
  if (declaredJson && charset !== null && !isUtf8Charset(charset)) {
    findings.push(
      finding(
        HEALTH_CODES.jsonCharsetNotUtf8,
        'warning',
        `Content-Type declares charset=${charset}, but JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1).`,
      ),
    );
  }
  if (
    isAscii(body) ||
    (body[0] === 0xfe && body[1] === 0xff) ||
    (body[0] === 0xff && body[1] === 0xfe)
  ) {
    return;
  }
  const invalidAt = firstInvalidUtf8Offset(body);
  if (charset !== null && SINGLE_BYTE_CHARSETS.test(charset)) {
    if (invalidAt === -1) {
      findings.push(
        finding(
          HEALTH_CODES.charsetMismatch,
          'warning',
          `Content-Type declares charset=${charset} but the bytes are UTF-8: a receiver honouring the header reads "é" as "Ã©".`,
        ),
      );
    }
    return;
  }
  // A textual body that is declared UTF-8, or declares nothing and so defaults to UTF-8 for JSON.
  if (invalidAt !== -1 && (charset === null || isUtf8Charset(charset))) {
    const byte = (body[invalidAt] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    findings.push(
      finding(
        HEALTH_CODES.invalidUtf8,
        declaredJson ? 'error' : 'warning',
        `The body is not valid UTF-8: byte 0x${byte} at offset ${invalidAt} (the sender probably used latin-1 or windows-1252).`,
      ),
    );
  }
}

function checkJsonSyntax(body: Uint8Array, truncated: boolean, findings: HealthFinding[]): void {
  const parsed = readJsonBody(body);
  if (parsed.ok) return;
  const text = bodyText(body);
  const position = parsed.position ?? text.length;
  const { line, column } = lineAndColumn(text, position);
  const cause = truncated ? ' (expected: the stored body is truncated)' : '';
  findings.push(
    finding(
      HEALTH_CODES.invalidJson,
      'error',
      `Content-Type says JSON but the body does not parse: ${parsed.reason.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column} (character ${position})${cause}.`,
    ),
  );
}
