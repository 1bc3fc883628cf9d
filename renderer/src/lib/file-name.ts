// File names for downloaded bodies and multipart parts: the sender's file name when it gave one
// (made safe), else a name from the delivery with the extension its media type calls for.
import { mediaType } from './request-parts';

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/x-www-form-urlencoded': 'txt',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/gzip': 'gz',
  'application/octet-stream': 'bin',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'multipart/form-data': 'multipart',
};

/** The extension for a content type ("json" for application/vnd.github+json), or "bin". */
export function extensionFor(contentType: string | null): string {
  const type = mediaType(contentType);
  const known = EXTENSIONS[type];
  if (known) return known;
  if (type.endsWith('+json')) return 'json';
  if (type.endsWith('+xml')) return 'xml';
  if (type.startsWith('text/')) return 'txt';
  return 'bin';
}

/**
 * A sender-chosen file name reduced to its last path segment, without control characters or
 * characters file systems refuse; null when nothing usable is left. The browser sanitises too,
 * but the name also shows in the UI, so we keep it predictable.
 */
export function safeFileName(name: string | null): string | null {
  if (name === null) return null;
  const base = name.split(/[\\/]/u).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/gu, '_').trim();
  if (cleaned === '' || /^\.+$/u.test(cleaned)) return null;
  return cleaned.slice(0, 200);
}

/** `<stem>.<ext>`, or the sender's own (safe) file name when it has one. */
export function bodyFileName(
  stem: string,
  contentType: string | null,
  senderFileName: string | null = null,
): string {
  return safeFileName(senderFileName) ?? `${stem}.${extensionFor(contentType)}`;
}
