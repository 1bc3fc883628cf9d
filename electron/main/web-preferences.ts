import type { WebPreferences } from 'electron';

/**
 * SECURITY: written out in full rather than relying on defaults, so a review (or a test) sees them.
 * The page runs sandboxed with no Node, in its own JS world; only the preload's bridge crosses over.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
