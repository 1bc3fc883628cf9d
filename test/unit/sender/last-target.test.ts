import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideHeaders } from '../../../electron/engine/sender/header-overrides';
import {
  LAST_TARGET_FILE,
  openLastTarget,
  RECENT_TARGETS_FILE,
  RECENT_TARGETS_MAX,
} from '../../../electron/engine/sender/last-target';
import { LAST_TARGET_KEY, LastTargetSetting } from '../../../electron/engine/settings/schemas';
import { withSettings } from '../../../electron/engine/settings/settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-targets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('remembered targets', () => {
  it('keeps distinct targets newest first, at most RECENT_TARGETS_MAX', () => {
    const targets = openLastTarget(dir);
    expect(targets.recent()).toEqual([]);
    for (let i = 0; i < RECENT_TARGETS_MAX + 3; i++) targets.set(`http://t/${i}`);
    targets.set('http://t/5');
    const recent = targets.recent();
    expect(recent).toHaveLength(RECENT_TARGETS_MAX);
    expect(recent.slice(0, 3)).toEqual(['http://t/5', 'http://t/12', 'http://t/11']);
    expect(recent.filter((url) => url === 'http://t/5')).toHaveLength(1);
    expect(targets.get()).toBe('http://t/5');
    // Kept in the workspace's settings (one-field shape), no longer in a JSON file.
    expect(withSettings(dir, (s) => s.read(LAST_TARGET_KEY, LastTargetSetting, null))).toEqual({
      url: 'http://t/5',
    });
    expect(existsSync(join(dir, LAST_TARGET_FILE))).toBe(false);
  });

  it('sees what another instance (another process) wrote: nothing is cached', () => {
    const ui = openLastTarget(dir);
    ui.set('http://a/');
    openLastTarget(dir).set('http://b/');
    expect(ui.get()).toBe('http://b/');
    expect(ui.recent()).toEqual(['http://b/', 'http://a/']);
  });

  it('treats an unreadable file as nothing remembered, and leaves it in place', () => {
    writeFileSync(join(dir, LAST_TARGET_FILE), '{not json');
    expect(openLastTarget(dir).get()).toBeNull();
    expect(readFileSync(join(dir, LAST_TARGET_FILE), 'utf8')).toBe('{not json');
  });

  it('imports last-target.json and recent-targets.json of earlier versions once', () => {
    writeFileSync(join(dir, LAST_TARGET_FILE), JSON.stringify({ url: 'http://old/' }));
    writeFileSync(
      join(dir, RECENT_TARGETS_FILE),
      JSON.stringify({ urls: ['http://old/', 'http://older/'] }),
    );
    const targets = openLastTarget(dir);
    expect(targets.get()).toBe('http://old/');
    expect(targets.recent()).toEqual(['http://old/', 'http://older/']);
    expect(existsSync(join(dir, LAST_TARGET_FILE))).toBe(false);
    expect(existsSync(join(dir, `${RECENT_TARGETS_FILE}.migrated`))).toBe(true);
    targets.set('http://new/');
    expect(openLastTarget(dir).recent()).toEqual(['http://new/', 'http://old/', 'http://older/']);
  });
});

describe('overrideHeaders', () => {
  it('replaces in place by name (any case), drops later duplicates, appends new names', () => {
    expect(
      overrideHeaders(
        [
          ['Content-Type', 'application/json'],
          ['X-Sig', 'a'],
          ['x-sig', 'b'],
        ],
        [
          ['x-SIG', 'edited'],
          ['X-New', '1'],
        ],
      ),
    ).toEqual([
      ['Content-Type', 'application/json'],
      ['x-SIG', 'edited'],
      ['X-New', '1'],
    ]);
  });
});
