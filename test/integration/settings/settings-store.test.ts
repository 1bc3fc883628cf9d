import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseFile } from '../../../electron/engine/data-dir';
import { openInspectorSettings } from '../../../electron/engine/inspect/inspector-settings';
import {
  INSPECTOR_SETTINGS_KEY,
  InspectorSettings,
  SUBSCRIPTION_SETTINGS_KEY,
  SubscriptionSettings,
} from '../../../electron/engine/settings/schemas';
import {
  DamagedSettingError,
  openSettingsStore,
  withSettings,
} from '../../../electron/engine/settings/settings-store';
import { openDatabase } from '../../../electron/engine/store/open-store';
import { createSubscriptionSettings } from '../../../electron/engine/subscription-service/subscription-settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const Point = z.strictObject({ x: z.number() });

/** Writes a raw value under `key`, bypassing validation, as a damaged file would hold it. */
function writeRaw(key: string, value: string): void {
  const db = openDatabase(databaseFile(dir));
  db.prepare('UPDATE settings SET value = ? WHERE key = ?').run([value, key]);
  db.close();
}

const inspectorValue = {
  savedFilters: [{ name: 'stripe only', filter: { provider: 'stripe' } }],
  maskRules: [],
  usePresets: false,
};

describe('settings store', () => {
  it('reads back what was written, typed, and the fallback for a key never written', () => {
    withSettings(dir, (settings) => settings.write('point', Point, { x: 3 }));
    expect(withSettings(dir, (settings) => settings.read('point', Point, { x: 0 }))).toEqual({
      x: 3,
    });
    expect(withSettings(dir, (settings) => settings.read('other', Point, { x: 0 }))).toEqual({
      x: 0,
    });
    expect(() =>
      withSettings(dir, (settings) => settings.write('point', Point, { x: 'no' } as never)),
    ).toThrow();
  });

  it('a damaged value is an error naming its key; other keys still read', () => {
    withSettings(dir, (settings) => {
      settings.write('point', Point, { x: 1 });
      settings.write('kept', Point, { x: 2 });
    });
    writeRaw('point', '{"x":"not a number"}');
    const settings = openSettingsStore(dir);
    try {
      expect(() => settings.read('point', Point, { x: 0 })).toThrow(DamagedSettingError);
      expect(() => settings.read('point', Point, { x: 0 })).toThrow(/"point"/);
      expect(settings.read('kept', Point, { x: 0 })).toEqual({ x: 2 });
    } finally {
      settings.close();
    }
    writeRaw('kept', '{not json');
    expect(() => withSettings(dir, (s) => s.read('kept', Point, { x: 0 }))).toThrow(
      /"kept".*not JSON/,
    );
  });

  it('opened read-only: reads the saved values, refuses writes, creates nothing in an empty folder', () => {
    withSettings(dir, (settings) => settings.write('point', Point, { x: 5 }));
    const readOnly = openSettingsStore(dir, { readOnly: true });
    try {
      expect(readOnly.read('point', Point, { x: 0 })).toEqual({ x: 5 });
      expect(() => readOnly.write('point', Point, { x: 6 })).toThrow(/read-only/);
    } finally {
      readOnly.close();
    }
    const empty = join(dir, 'empty');
    expect(
      withSettings(empty, (s) => s.read('point', Point, { x: 0 }), { readOnly: true }),
    ).toEqual({ x: 0 });
    expect(existsSync(databaseFile(empty))).toBe(false);
  });
});

describe('import of the former JSON files', () => {
  it('inspector-settings.json: imported, renamed *.migrated, and a second open changes nothing', () => {
    const file = join(dir, 'inspector-settings.json');
    writeFileSync(file, JSON.stringify(inspectorValue));
    const errors: Error[] = [];
    expect(openInspectorSettings(dir, (e) => errors.push(e)).read()).toEqual(inspectorValue);
    expect(existsSync(file)).toBe(false);
    expect(JSON.parse(readFileSync(`${file}.migrated`, 'utf8'))).toEqual(inspectorValue);
    // A save after the import, then a second open: the table's value stands, nothing re-imported.
    const saved = { ...inspectorValue, usePresets: true };
    openInspectorSettings(dir).write(saved);
    expect(
      withSettings(dir, (s) => s.read(INSPECTOR_SETTINGS_KEY, InspectorSettings, null)),
    ).toEqual(saved);
    expect(errors).toEqual([]);
  });

  it('subscription-settings.json: imported without its version field, file renamed', () => {
    const file = join(dir, 'subscription-settings.json');
    writeFileSync(file, JSON.stringify({ version: 1, autoRepoint: true }));
    const errors: Error[] = [];
    const subscriptionSettings = createSubscriptionSettings(dir, (e) => errors.push(e));
    expect(subscriptionSettings.get()).toEqual({ autoRepoint: true });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.migrated`)).toBe(true);
    expect(subscriptionSettings.set({ autoRepoint: false })).toEqual({ autoRepoint: false });
    expect(
      withSettings(dir, (s) => s.read(SUBSCRIPTION_SETTINGS_KEY, SubscriptionSettings, null)),
    ).toEqual({ autoRepoint: false });
    expect(errors).toEqual([]);
  });

  it('a damaged file stays in place, is reported once, and the defaults are used', () => {
    const file = join(dir, 'subscription-settings.json');
    writeFileSync(file, JSON.stringify({ version: 1, autoRepoint: 'yes' }));
    const errors: Error[] = [];
    const subscriptionSettings = createSubscriptionSettings(dir, (e) => errors.push(e));
    expect(subscriptionSettings.get()).toEqual({ autoRepoint: false });
    expect(subscriptionSettings.get()).toEqual({ autoRepoint: false });
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.migrated`)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('subscription-settings.json');
    // Another file's import is not held up by the damaged one.
    writeFileSync(join(dir, 'inspector-settings.json'), JSON.stringify(inspectorValue));
    expect(openInspectorSettings(dir).read()).toEqual(inspectorValue);
    // Once fixed, the file is imported on the next open.
    writeFileSync(file, JSON.stringify({ version: 1, autoRepoint: true }));
    expect(subscriptionSettings.get()).toEqual({ autoRepoint: true });
    expect(existsSync(file)).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('a damaged stored inspector value reads as the defaults and is reported with its key', () => {
    openInspectorSettings(dir).write(InspectorSettings.parse(inspectorValue));
    writeRaw(INSPECTOR_SETTINGS_KEY, '{"savedFilters":7}');
    const errors: Error[] = [];
    expect(openInspectorSettings(dir, (e) => errors.push(e)).read()).toEqual(
      InspectorSettings.parse({}),
    );
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('"inspector"')]);
  });
});
