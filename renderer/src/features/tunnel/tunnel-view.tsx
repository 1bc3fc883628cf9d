// The "Tunnel" view: the public URL on the left, what providers are told about it on the right.
import { SubscriptionsPanel } from '../subscriptions/subscriptions-panel';
import { TunnelPanel } from './tunnel-panel';
import './tunnel.css';

export function TunnelView() {
  return (
    <div className="tunnel-view" data-testid="tunnel-view">
      <TunnelPanel />
      <SubscriptionsPanel />
    </div>
  );
}
