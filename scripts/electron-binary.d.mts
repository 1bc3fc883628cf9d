/** The Electron executable, or why there is none (one sentence). Never downloads anything. */
export function findElectronBinary(): { path: string } | { missing: string };
