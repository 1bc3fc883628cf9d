import { useEffect, useState } from 'react';
import { copyText } from '../../lib/download';

/** Copies text produced on click (so large strings are only built when asked for). */
export function CopyButton({
  text,
  label = 'Copy',
  testId,
  className = '',
}: {
  text: string | (() => string);
  label?: string;
  testId?: string;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const onClick = async () => {
    const ok = await copyText(typeof text === 'function' ? text() : text);
    setState(ok ? 'copied' : 'failed');
  };
  return (
    <button
      type="button"
      className={`button button-small ${className}`}
      data-testid={testId}
      onClick={() => void onClick()}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
