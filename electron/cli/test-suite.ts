import { UsageError } from './args';

// Placeholder while the command is built (issue 16): exits 2 with a clear message.
export async function testCommand(_argv: readonly string[]): Promise<number> {
  await Promise.resolve();
  throw new UsageError('"hookscope test" is not available yet');
}
