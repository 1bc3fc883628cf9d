export interface MultipartPart {
  /** Header pairs as sent, in order. */
  headers: [string, string][];
  /** The form field name and file name from Content-Disposition, when present. */
  name: string | null;
  filename: string | null;
  contentType: string | null;
  body: Uint8Array;
}
/** The boundary parameter of a multipart content type, or null. */
export declare function multipartBoundary(contentType: string | null): string | null;
/**
 * The parts of a multipart body, or null when the content type has no boundary or the body holds
 * no delimiter. The preamble and epilogue are dropped; a body cut short (truncated) keeps its parts
 * so far, the last one as far as it goes.
 */
export declare function parseMultipart(
  bytes: Uint8Array,
  contentType: string | null,
): MultipartPart[] | null;
/** Exported for tests: decodes header bytes the way parsePart does. */
export declare const decodeLatin1: (bytes: Uint8Array) => string;
