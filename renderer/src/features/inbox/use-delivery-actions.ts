// Delete and clear, each behind a confirmation. The engine's pushed events update every window;
// the local evict makes this window respond at once.
import { useCallback } from 'react';
import { useServices } from '../../app-context';
import { selectIndexOf } from '../../store/selectors';
import { useConfirm } from '../common/confirm-context';

export function useDeliveryActions() {
  const { api, store } = useServices();
  const confirm = useConfirm();

  const deleteDelivery = useCallback(
    (id: string) => {
      const summary = store.getState().byId.get(id);
      confirm({
        title: 'Delete delivery?',
        message: summary
          ? `${summary.method} ${summary.target} will be removed from the store. This cannot be undone.`
          : 'This delivery will be removed from the store. This cannot be undone.',
        confirmLabel: 'Delete',
        onConfirm: () => {
          void api.call('deliveries:delete', { ids: [id] }).then((result) => {
            if (!result.ok) return;
            const state = store.getState();
            // Keep the keyboard flow: the row below (or above, at the end) becomes the selection.
            const index = selectIndexOf(state, id);
            const neighbor = state.ids[index + 1] ?? state.ids[index - 1] ?? null;
            api.forget([id]);
            state.evict([id]);
            if (state.selectedId === id) state.select(neighbor);
          });
        },
      });
    },
    [api, store, confirm],
  );

  const clearAll = useCallback(() => {
    const count = store.getState().stats.count;
    confirm({
      title: 'Clear all deliveries?',
      message: `All ${count} stored deliveries will be deleted. This cannot be undone.`,
      confirmLabel: 'Clear all',
      onConfirm: () => {
        void api.call('deliveries:clear').then((result) => {
          if (!result.ok) return;
          api.forgetAll();
          const state = store.getState();
          state.clearDeliveries();
          state.select(null);
        });
      },
    });
  }, [api, store, confirm]);

  return { deleteDelivery, clearAll };
}
