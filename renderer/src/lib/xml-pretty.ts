// Indents XML for reading. Pure string work over a tiny tokenizer: nothing is parsed into a DOM, no
// entity or DTD is resolved, so a hostile body can't expand or fetch anything. The result is shown
// as text.

/** Where each kind of markup token ends: searched with indexOf, so every byte is scanned once. */
const TERMINATORS: ReadonlyArray<[opener: string, closer: string]> = [
  ['<![CDATA[', ']]>'],
  ['<!--', '-->'],
  ['<?', '?>'],
  ['<', '>'],
];

/**
 * Splits XML into markup tokens (`<...>`, comments, CDATA, processing instructions) and text, in
 * time linear in the length: no backtracking regular expression, so a hostile body (250 KB of one
 * character, `<` without `>`) costs one pass. An unterminated token makes the rest one text token.
 */
export function xmlTokens(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open === -1) {
      tokens.push(text.slice(at));
      break;
    }
    if (open > at) tokens.push(text.slice(at, open));
    const [, closer] = TERMINATORS.find(([opener]) => text.startsWith(opener, open))!;
    const close = text.indexOf(closer, open + 1);
    if (close === -1) {
      tokens.push(text.slice(open));
      break;
    }
    tokens.push(text.slice(open, close + closer.length));
    at = close + closer.length;
  }
  return tokens;
}

/**
 * True for an XML content type (`application/xml`, `text/xml`, `+xml`) or an XML declaration.
 * A bare `<tag>` is not enough: HTML bodies keep opening on the raw view.
 */
export function looksLikeXml(text: string, contentType: string | null): boolean {
  const typed = contentType !== null && /[/+]xml\b/i.test(contentType);
  const trimmed = text.trimStart();
  return trimmed.startsWith('<') && (typed || trimmed.startsWith('<?xml'));
}

/**
 * Pretty prints XML with `indent` per level. Text-only elements stay on one line
 * (`<a>text</a>`). Returns null when the tags don't nest (not well-formed enough to indent).
 */
/** Deeper levels are indented no further, so deep nesting cannot grow the text quadratically. */
export const MAX_INDENT_DEPTH = 64;

export function prettyXml(text: string, indent = '  '): string | null {
  const pad = (depth: number) => indent.repeat(Math.min(depth, MAX_INDENT_DEPTH));
  const tokens = xmlTokens(text);
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('<')) {
      const trimmed = token.trim();
      if (trimmed) lines.push(pad(depth) + trimmed);
      continue;
    }
    if (!token.endsWith('>')) return null; // unterminated markup: not well-formed enough
    const isClose = token.startsWith('</');
    const isOpen =
      !isClose && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>');
    if (isClose) {
      depth--;
      if (depth < 0) return null;
      lines.push(pad(depth) + token);
      continue;
    }
    // <a>text</a> on one line.
    const textToken = tokens[i + 1];
    const closeToken = tokens[i + 2];
    if (
      isOpen &&
      textToken !== undefined &&
      !textToken.startsWith('<') &&
      closeToken?.startsWith('</')
    ) {
      lines.push(pad(depth) + token + textToken.trim() + closeToken);
      i += 2;
      continue;
    }
    lines.push(pad(depth) + token);
    if (isOpen) depth++;
  }
  return depth === 0 ? lines.join('\n') : null;
}
