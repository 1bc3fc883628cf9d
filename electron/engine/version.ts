/** Hookscope's version, written into exports (HAR creator). A unit test keeps it equal to package.json. */
export const HOOKSCOPE_VERSION = '0.1.0';
