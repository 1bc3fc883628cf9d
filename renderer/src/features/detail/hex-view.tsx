// Offset | hex | ascii, paged so a 25 MB body doesn't create a million DOM nodes at once.
import { useState } from 'react';
import { hexDumpLines, hexLineCount } from '../../lib/hex-dump';

const LINES_PER_PAGE = 2048;

export function HexView({ bytes, testId }: { bytes: Uint8Array; testId: string }) {
  const [shown, setShown] = useState(LINES_PER_PAGE);
  const total = hexLineCount(bytes);
  const lines = hexDumpLines(bytes, 0, shown);
  return (
    <div className="hex-view" data-testid={testId}>
      {lines.map((line) => (
        <div className="hex-line" key={line.offset}>
          <span className="hex-offset">{line.offset}</span>
          <span className="hex-bytes">{line.hex}</span>
          <span className="hex-ascii">{line.ascii}</span>
        </div>
      ))}
      {total > shown && (
        <button
          type="button"
          className="button button-small show-more"
          onClick={() => setShown(shown + LINES_PER_PAGE)}
        >
          Show {Math.min(LINES_PER_PAGE, total - shown) * 16} more bytes ({total - shown} lines
          left)
        </button>
      )}
    </div>
  );
}
