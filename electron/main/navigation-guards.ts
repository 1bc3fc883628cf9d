import type { WebContents } from 'electron';
import { externalUrlToOpen, isAppUrl } from './app-url';

export interface GuardOptions {
  appUrl: string;
  /** shell.openExternal; receives only parsed http(s) URLs. */
  openExternal: (url: string) => void;
}

/**
 * SECURITY: the window never leaves the app. Navigations elsewhere are cancelled, new windows are
 * denied (http(s) links open in the user's browser instead), and <webview> can't be attached.
 */
export function installNavigationGuards(contents: WebContents, options: GuardOptions): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, options.appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) options.openExternal(external);
    return { action: 'deny' };
  });
}
