// Indents XML for reading. Pure string work over a tiny tokenizer: nothing is parsed into a DOM, no
// entity or DTD is resolved, so a hostile body can't expand or fetch anything. The result is shown
// as text.

const TOKEN =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<\/[^>]+>|<[^>]+?\/>|<[^>]+>|[^<]+/g;

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
export function prettyXml(text: string, indent = '  '): string | null {
  const tokens = text.match(TOKEN) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('<')) {
      const trimmed = token.trim();
      if (trimmed) lines.push(indent.repeat(depth) + trimmed);
      continue;
    }
    const isClose = token.startsWith('</');
    const isOpen =
      !isClose && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>');
    if (isClose) {
      depth--;
      if (depth < 0) return null;
      lines.push(indent.repeat(depth) + token);
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
      lines.push(indent.repeat(depth) + token + textToken.trim() + closeToken);
      i += 2;
      continue;
    }
    lines.push(indent.repeat(depth) + token);
    if (isOpen) depth++;
  }
  return depth === 0 ? lines.join('\n') : null;
}
