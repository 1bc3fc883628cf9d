// The diff the detail pane shows while two deliveries are picked (selection + Ctrl/Cmd-click, or
// "Diff with previous"). The older one (lower seq) is on the left unless the user swapped.
import { useState } from 'react';
import { useAppStore, useServices } from '../../app-context';
import { DiffPanel } from './diff-panel';

export interface ComparePair {
  leftId: string;
  rightId: string;
}

/** The two ids to compare, or null when no second delivery is picked. */
export function useComparePair(): ComparePair | null {
  const selectedId = useAppStore((state) => state.selectedId);
  const compareId = useAppStore((state) => state.compareId);
  const selectedSeq = useAppStore((state) =>
    state.selectedId ? state.byId.get(state.selectedId)?.seq : undefined,
  );
  const compareSeq = useAppStore((state) =>
    state.compareId ? state.byId.get(state.compareId)?.seq : undefined,
  );
  if (!selectedId || !compareId || selectedId === compareId) return null;
  const selectedIsOlder =
    selectedSeq !== undefined && compareSeq !== undefined && selectedSeq < compareSeq;
  return selectedIsOlder
    ? { leftId: selectedId, rightId: compareId }
    : { leftId: compareId, rightId: selectedId };
}

export function CompareDiff({ pair }: { pair: ComparePair }) {
  const { store } = useServices();
  const [swapped, setSwapped] = useState(false);
  const [leftId, rightId] = swapped ? [pair.rightId, pair.leftId] : [pair.leftId, pair.rightId];
  return (
    <DiffPanel
      leftId={leftId}
      rightId={rightId}
      onSwap={() => setSwapped(!swapped)}
      onClose={() => store.getState().setCompareId(null)}
    />
  );
}
