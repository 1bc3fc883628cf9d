import { describe, expect, it } from 'vitest';
import {
  ENGINE_OPTIONS,
  parseChoice,
  parseCommandArgs,
  parseInteger,
  parsePort,
  UsageError,
} from '../../../electron/cli/args';
import { DEFAULT_RECEIVER_PORT, engineSettings } from '../../../electron/cli/start-engine';

describe('parseCommandArgs', () => {
  it('reads the engine flags', () => {
    const { values } = parseCommandArgs(
      ['--data-dir', '/tmp/x', '--receiver-port', '0', '--host=0.0.0.0'],
      ENGINE_OPTIONS,
    );
    expect(values).toEqual({ 'data-dir': '/tmp/x', 'receiver-port': '0', host: '0.0.0.0' });
  });

  it('turns unknown flags, missing values and stray arguments into one-line usage errors', () => {
    expect(() => parseCommandArgs(['--nope'], ENGINE_OPTIONS)).toThrow(
      new UsageError('unknown option --nope'),
    );
    expect(() => parseCommandArgs(['--port'], ENGINE_OPTIONS)).toThrow(UsageError);
    expect(() => parseCommandArgs(['--port'], ENGINE_OPTIONS)).toThrow(/--port/);
    expect(() => parseCommandArgs(['extra'], ENGINE_OPTIONS)).toThrow(
      new UsageError('unexpected argument extra'),
    );
    for (const argv of [['--nope'], ['--port'], ['extra']]) {
      try {
        parseCommandArgs(argv, ENGINE_OPTIONS);
      } catch (error) {
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  it('keeps positionals when the command takes them', () => {
    const { positionals } = parseCommandArgs(['file.jsonl'], { help: { type: 'boolean' } }, true);
    expect(positionals).toEqual(['file.jsonl']);
  });
});

describe('value parsers', () => {
  it('accepts ports 0..65535 and names the flag otherwise', () => {
    expect(parsePort('0', 'port')).toBe(0);
    expect(parsePort('65535', 'port')).toBe(65535);
    expect(parsePort(undefined, 'port')).toBeUndefined();
    expect(() => parsePort('65536', 'receiver-port')).toThrow(
      '--receiver-port must be between 0 and 65535, got 65536',
    );
    expect(() => parsePort('80a', 'port')).toThrow('--port must be a whole number, got "80a"');
    expect(() => parsePort('-1', 'port')).toThrow(UsageError);
  });

  it('checks integer bounds', () => {
    expect(() => parseInteger('0', 'max-body-bytes', { min: 1, max: 10 })).toThrow(
      /between 1 and 10/,
    );
    expect(parseInteger('10', 'max-body-bytes', { min: 1, max: 10 })).toBe(10);
  });

  it('accepts only listed choices', () => {
    expect(parseChoice('har', 'format', ['jsonl', 'har'])).toBe('har');
    expect(() => parseChoice('csv', 'format', ['jsonl', 'har'])).toThrow(
      '--format must be one of jsonl, har, got "csv"',
    );
  });
});

describe('engineSettings', () => {
  it('applies defaults and resolves the data dir', () => {
    const settings = engineSettings({ 'data-dir': 'rel/dir' });
    expect(settings.dataDir).toBe(`${process.cwd()}/rel/dir`);
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.receiverPort).toBe(DEFAULT_RECEIVER_PORT);
    expect(settings.maxBodyBytes).toBeUndefined();
    expect(settings.configFile).toBeNull();
  });

  it('takes --durability commit|fsync, commit by default', () => {
    expect(engineSettings({}).durability).toBe('commit');
    expect(engineSettings({ durability: 'fsync' }).durability).toBe('fsync');
    expect(() => engineSettings({ durability: 'sometimes' })).toThrow(/commit or fsync/);
  });

  it('rejects a bad --max-body-bytes before anything starts', () => {
    expect(() => engineSettings({ 'max-body-bytes': 'lots' })).toThrow(UsageError);
  });
});
