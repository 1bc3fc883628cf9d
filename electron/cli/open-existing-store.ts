import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
// Narrow engine modules, not '../engine': its index loads every provider library at start-up.
import { databaseFile, defaultDataDir } from '../engine/data-dir';
import { openDeliveryStore, type DeliveryStore } from '../engine/store';

/** The data folder from --data-dir (or the platform default), as an absolute path. */
export const dataDirFrom = (flag: string | undefined): string => resolve(flag ?? defaultDataDir());

/** Opens the store of a data folder that must already hold one (export must not create it). */
export function openExistingStore(dataDir: string): DeliveryStore {
  const file = databaseFile(dataDir);
  if (!existsSync(file))
    throw new Error(`no Hookscope store in ${dataDir} (${file} does not exist)`);
  return openDeliveryStore(file);
}
