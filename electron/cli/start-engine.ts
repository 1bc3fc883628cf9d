import { resolve } from 'node:path';
import { createEngine, defaultDataDir, loadConfigFile, type Engine } from '../engine';
import type { Durability } from '../engine/store';
import { parseInteger, parsePort, UsageError } from './args';

/** The receiver's port when --receiver-port is not given (the UI's is DEFAULT_UI_PORT). */
export const DEFAULT_RECEIVER_PORT = 8787;
export const DEFAULT_UI_PORT = 8788;

export interface EngineFlags {
  'data-dir'?: string;
  host?: string;
  port?: string;
  'receiver-port'?: string;
  config?: string;
  'max-body-bytes'?: string;
  durability?: string;
}

export interface EngineSettings {
  dataDir: string;
  host: string;
  uiPort: number;
  receiverPort: number;
  configFile: string | null;
  maxBodyBytes: number | undefined;
  durability: Durability;
}

/** Validates the flags (usage errors) before anything is opened. */
export function engineSettings(flags: EngineFlags): EngineSettings {
  const maxBodyBytes = parseInteger(flags['max-body-bytes'], 'max-body-bytes', {
    min: 1,
    max: 2 ** 31 - 1,
  });
  return {
    dataDir: resolve(flags['data-dir'] ?? defaultDataDir()),
    host: flags.host ?? '127.0.0.1',
    uiPort: parsePort(flags.port, 'port') ?? DEFAULT_UI_PORT,
    receiverPort: parsePort(flags['receiver-port'], 'receiver-port') ?? DEFAULT_RECEIVER_PORT,
    configFile: flags.config ?? null,
    maxBodyBytes,
    durability: parseDurability(flags.durability),
  };
}

function parseDurability(value: string | undefined): Durability {
  if (value === undefined || value === 'commit' || value === 'fsync') return value ?? 'commit';
  throw new UsageError(`--durability must be commit or fsync, got "${value}"`);
}

export async function startEngine(settings: EngineSettings): Promise<Engine> {
  const config = settings.configFile ? await loadConfigFile(settings.configFile) : null;
  return createEngine({
    dataDir: settings.dataDir,
    host: settings.host,
    receiverPort: settings.receiverPort,
    endpoints: config?.endpoints ?? [],
    limits: settings.maxBodyBytes === undefined ? {} : { maxBodyBytes: settings.maxBodyBytes },
    durability: settings.durability,
    onError: (error, context) => process.stderr.write(`hookscope: ${context}: ${error.message}\n`),
  });
}
