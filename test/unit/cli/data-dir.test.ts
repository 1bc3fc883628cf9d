import { describe, expect, it } from 'vitest';
import { databaseFile, defaultDataDir } from '../../../electron/engine/data-dir';

describe('defaultDataDir', () => {
  it('follows XDG_DATA_HOME on Linux, else ~/.local/share', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/data' }, '/home/ann')).toBe(
      '/data/hookscope',
    );
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.local/share/hookscope');
    // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'rel' }, '/home/ann')).toBe(
      '/home/ann/.local/share/hookscope',
    );
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/Hookscope',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\Hookscope');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Hookscope',
    );
  });

  it('puts the database in the data dir', () => {
    expect(databaseFile('/d')).toBe('/d/hookscope.db');
  });
});
