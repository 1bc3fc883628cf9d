// The target URL field of Forge, Bulk and Replay: free text, with a dropdown (a datalist) of the
// targets used last (remembered by the engine, newest first) and Hookscope's own receiver.
import { useCallback, useEffect, useId, useState } from 'react';
import { useAppStore, useServices } from '../../app-context';

export interface TargetOption {
  url: string;
  /** What the dropdown says beside the URL. */
  label: string;
}

/** Receiver first (always useful to try a send), then recent targets; each URL once. */
export function targetOptions(
  recent: readonly string[],
  receiver: { url: string; publicUrl: string | null } | null,
): TargetOption[] {
  const options: TargetOption[] = [];
  const add = (url: string, label: string) => {
    if (!options.some((option) => option.url === url)) options.push({ url, label });
  };
  if (receiver) {
    add(receiver.url, "Hookscope's own receiver");
    if (receiver.publicUrl) add(receiver.publicUrl, "Hookscope's public URL (tunnel)");
  }
  for (const url of recent) add(url, 'used recently');
  return options;
}

/** The remembered targets; `reload` after a send so the newest one is offered first. */
export function useRecentTargets(): {
  last: string | null;
  recent: string[];
  reload: () => void;
} {
  const { api } = useServices();
  const [state, setState] = useState<{ last: string | null; recent: string[] }>({
    last: null,
    recent: [],
  });
  const reload = useCallback(() => {
    void api.call('replay:last-target').then((result) => {
      if (result.ok) setState({ last: result.value.url, recent: result.value.recent });
    });
  }, [api]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

export function TargetInput({
  value,
  onChange,
  recent,
  testId,
  id,
  label = 'Target URL',
  required = false,
}: {
  value: string;
  onChange: (url: string) => void;
  recent: readonly string[];
  testId: string;
  id?: string;
  label?: string;
  required?: boolean;
}) {
  const listId = useId();
  const receiver = useAppStore((state) => state.receiver);
  const options = targetOptions(recent, receiver);
  return (
    <>
      <input
        id={id}
        className="text-input grow"
        aria-label={label}
        data-testid={testId}
        type="url"
        required={required}
        list={listId}
        autoComplete="off"
        placeholder="http://localhost:3000/webhook"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={listId} data-testid={`${testId}-options`}>
        {options.map((option) => (
          <option key={option.url} value={option.url} label={option.label} />
        ))}
      </datalist>
    </>
  );
}
