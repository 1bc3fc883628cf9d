// Where each JSON pointer's value sits in a JSON text, so errors reported by pointer (the engine's
// schema check, RFC 6901 instance paths) can be marked at their place in the editor. Pure: no DOM.

export interface PointerRange {
  /** Start of the member's key when the value is an object member, else of the value. */
  from: number;
  /** End of the value. */
  to: number;
}

/** RFC 6901: `~` becomes `~0`, `/` becomes `~1`. */
const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every pointer of `text` with its range; '' is the whole document. On a syntax error the scan stops
 * and answers what it found before it (the editor then still marks the errors it can place).
 */
export function pointerRanges(text: string): Map<string, PointerRange> {
  const ranges = new Map<string, PointerRange>();
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${at}`);
  };
  const space = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const string = (): string => {
    if (text[at] !== '"') fail();
    const start = at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail();
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (pointer: string, memberFrom: number | null) => {
    space();
    const from = at;
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') at++;
      else
        for (;;) {
          space();
          const keyFrom = at;
          const key = string();
          space();
          if (text[at++] !== ':') fail();
          value(`${pointer}/${escapeToken(key)}`, keyFrom);
          space();
          const next = text[at++];
          if (next === '}') break;
          if (next !== ',') fail();
        }
    } else if (char === '[') {
      at++;
      space();
      if (text[at] === ']') at++;
      else
        for (let index = 0; ; index++) {
          value(`${pointer}/${index}`, null);
          space();
          const next = text[at++];
          if (next === ']') break;
          if (next !== ',') fail();
        }
    } else if (char === '"') {
      string();
    } else {
      const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at));
      if (!literal) fail();
      at += literal![0].length;
    }
    ranges.set(pointer, { from: memberFrom ?? from, to: at });
  };
  try {
    value('', null);
  } catch {
    // A document being typed: keep what was placed before the error.
  }
  return ranges;
}

/** Pretty-prints JSON text with two spaces, as the templates are shown; null when it is not JSON. */
export function formatJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
