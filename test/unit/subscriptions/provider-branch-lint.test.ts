import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own ESLint config, run on snippets placed (by file path) where they would live.
const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });
const RULE = 'hookscope/no-provider-id-branch';

async function flagged(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === RULE)
    .map((message) => /^'([^']+)'/.exec(message.message)?.[1] ?? '?');
}

describe('lint: no provider-id branch outside providers/<id>/', () => {
  it('flags comparisons, switch cases, zod literals and enums, and literal types', async () => {
    const code = [
      "import { z } from 'zod';",
      "export const a = (id: string) => id === 'preservica';",
      "export const b = (id: string) => 'kanboard' !== id;",
      "export function c(id: string) { switch (id) { case 'keyclic': return 1; default: return 0; } }",
      "export const d = z.literal('phraseanet');",
      "export const e = z.enum(['github', 'not-a-provider']);",
      "export type F = 'stripe' | 'other';",
      'export const g = (id: string) => id === `sns`;',
    ].join('\n');
    expect(await flagged(code, 'electron/engine/sender/example.ts')).toEqual([
      'preservica',
      'kanboard',
      'keyclic',
      'phraseanet',
      'github',
      'stripe',
      'sns',
    ]);
    expect(await flagged(code, 'renderer/src/features/send/example.tsx')).toHaveLength(7);
  });

  it("lets a provider's folder name its own id only, and leaves tests and plain strings alone", async () => {
    const code =
      "export const own = (id: string) => id === 'preservica';\nexport const other = (id: string) => id === 'keyclic';";
    expect(await flagged(code, 'electron/engine/providers/preservica/example.ts')).toEqual([
      'keyclic',
    ]);
    expect(await flagged(code, 'test/unit/example.test.ts')).toEqual([]);
    const plain =
      "export const path = '/preservica';\nexport const label = 'kanboard';\nexport const m = new Map([['keyclic', 1]]);";
    expect(await flagged(plain, 'electron/cli/example.ts')).toEqual([]);
  });

  it('knows every provider folder, so a new provider is covered without editing the rule', async () => {
    const ids = readdirSync(join(root, 'electron', 'engine', 'providers'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(ids.length).toBeGreaterThan(20);
    const code = ids.map((id, index) => `export const c${index} = (x: string) => x === '${id}';`);
    expect(await flagged(code.join('\n'), 'electron/engine/sender/example.ts')).toEqual(ids);
  });
});
