// One confirmation dialog for the whole app; any component asks through useConfirm().
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog';

const ConfirmContext = createContext<((request: ConfirmRequest) => void) | null>(null);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const close = useCallback(() => setRequest(null), []);
  const ask = useMemo(() => (next: ConfirmRequest) => setRequest(next), []);
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <ConfirmDialog request={request} onClose={close} />
    </ConfirmContext.Provider>
  );
}

export function useConfirm(): (request: ConfirmRequest) => void {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm must be used inside <ConfirmProvider>');
  return ask;
}
