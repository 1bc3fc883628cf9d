import { isAppUrl } from './app-url';

/** The part of Electron's WebFrameMain the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * SECURITY: only the app's own top-level frame may call the engine. An iframe (e.g. an HTML preview
 * of a captured body) or a page that navigated elsewhere is refused even though it shares the preload.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, appUrl: string): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}
