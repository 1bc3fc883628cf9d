// The headless shell: `hookscope serve` serves the built renderer and bridges it to the engine.
export { startUiServer, uiSecurityHeaders, type UiServer, type UiServerOptions } from './ui-server';
