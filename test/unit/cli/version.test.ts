import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOOKSCOPE_VERSION } from '../../../electron/engine/version';

describe('HOOKSCOPE_VERSION', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    expect(HOOKSCOPE_VERSION).toBe(pkg.version);
  });
});
