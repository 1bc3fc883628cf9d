// The merge view diffs two whole texts itself; the engine sends its line diff (bodies stay in the
// engine), and the line diff holds both texts: same + removed lines are the left, same + added the
// right. The engine splits on '\n', so joining with '\n' gives the bodies back exactly.
import type { LineOp } from '../../../electron/contract/inspector';

export function sidesOfLineDiff(lines: readonly LineOp[]): { left: string; right: string } {
  const left: string[] = [];
  const right: string[] = [];
  for (const line of lines) {
    if (line.op !== 'added') left.push(line.text);
    if (line.op !== 'removed') right.push(line.text);
  }
  return { left: left.join('\n'), right: right.join('\n') };
}
