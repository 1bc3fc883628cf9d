// The inbox view: the delivery list beside the detail pane, or the welcome screen when empty.
import { useRef } from 'react';
import { useAppStore } from '../../app-context';
import { selectShowWelcome } from '../../store/selectors';
import { DeliveryDetailPane } from '../detail/delivery-detail';
import { Welcome } from '../empty/welcome';
import { InboxList } from './inbox-list';

export function InboxView() {
  const showWelcome = useAppStore(selectShowWelcome);
  const detailRef = useRef<HTMLDivElement>(null);
  if (showWelcome) return <Welcome />;
  return (
    <>
      <div className="pane pane-inbox">
        <InboxList onOpen={() => detailRef.current?.focus()} />
      </div>
      <div className="pane pane-detail">
        <DeliveryDetailPane paneRef={detailRef} />
      </div>
    </>
  );
}
