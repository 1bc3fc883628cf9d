// Decides how a body can be shown (pretty JSON, form fields, raw text, hex) and which view opens first.
import { decodeUtf8, isProbablyText } from './bytes';
import { sniffImage, type PreviewImageType } from './image-type';
import { parseMultipart, type MultipartPart } from './multipart';
import { isFormMediaType, isJsonMediaType, parseFormPairs, type QueryParam } from './request-parts';
import { looksLikeXml, prettyXml } from './xml-pretty';

export type BodyViewKind = 'json' | 'form' | 'multipart' | 'xml' | 'image' | 'raw' | 'hex';

/** Bigger JSON is still shown raw; parsing it on the UI thread would freeze the window. */
export const MAX_JSON_PARSE_BYTES = 8 * 1024 * 1024;

export interface BodyAnalysis {
  isText: boolean;
  /** Text for the raw view (lenient UTF-8 decode even for binary, where it is a last resort). */
  text: string;
  json: { value: unknown } | null;
  form: QueryParam[] | null;
  multipart: MultipartPart[] | null;
  /** Indented XML, when the body is XML whose tags nest. */
  xml: string | null;
  image: PreviewImageType | null;
  views: BodyViewKind[];
  preferred: BodyViewKind;
}

function tryParseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

export function analyzeBody(
  bytes: Uint8Array,
  contentType: string | null,
  maxJsonBytes = MAX_JSON_PARSE_BYTES,
): BodyAnalysis {
  const isText = isProbablyText(bytes);
  const text = decodeUtf8(bytes);
  const trimmed = text.trimStart();
  // Senders mislabel JSON (SNS sends text/plain), so the first character counts as much as the type.
  const looksJson =
    isJsonMediaType(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[');
  const json = isText && looksJson && bytes.length <= maxJsonBytes ? tryParseJson(text) : null;
  const form = isText && isFormMediaType(contentType) ? parseFormPairs(text.trim()) : null;
  const multipart = parseMultipart(bytes, contentType);
  const xml = isText && !json && looksLikeXml(text, contentType) ? prettyXml(text) : null;
  const image = sniffImage(bytes);
  const views: BodyViewKind[] = [];
  if (json) views.push('json');
  if (form) views.push('form');
  if (multipart) views.push('multipart');
  if (xml !== null) views.push('xml');
  if (image) views.push('image');
  views.push('raw', 'hex');
  const preferred: BodyViewKind =
    views[0] === 'raw' && !isText ? 'hex' : (views[0] as BodyViewKind);
  return { isText, text, json, form, multipart, xml, image, views, preferred };
}
