// The Send view: forge events, run saved scenarios, bulk-send, play handshakes.
import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../../../../electron/contract/sender';
import { useServices } from '../../app-context';
import '../replay/sender.css';
import { BulkPanel } from './bulk-panel';
import { ForgePanel } from './forge-panel';
import { HandshakePanel } from './handshake-panel';
import { ScenariosPanel } from './scenarios-panel';
import { useTemplates } from './use-templates';

const TABS = [
  { id: 'forge', label: 'Forge' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'bulk', label: 'Bulk' },
  { id: 'handshake', label: 'Handshake' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export function SendView() {
  const { api } = useServices();
  const templates = useTemplates();
  const [tab, setTab] = useState<Tab>('forge');
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const reloadScenarios = useCallback(() => {
    void api.call('scenarios:list').then((result) => {
      if (result.ok) setScenarios(result.value);
    });
  }, [api]);
  useEffect(reloadScenarios, [reloadScenarios]);

  return (
    <div className="send-view" data-testid="send-view">
      <div className="send-tabs" role="tablist">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            className={`button button-small${tab === item.id ? '' : ' button-ghost'}`}
            data-testid={`send-tab-${item.id}`}
            onClick={() => setTab(item.id)}
          >
            {item.label}
            {item.id === 'scenarios' && scenarios.length > 0 ? ` (${scenarios.length})` : ''}
          </button>
        ))}
      </div>
      {tab === 'forge' && <ForgePanel templates={templates} onScenarioSaved={reloadScenarios} />}
      {tab === 'scenarios' && <ScenariosPanel scenarios={scenarios} onChanged={reloadScenarios} />}
      {tab === 'bulk' && <BulkPanel templates={templates} />}
      {tab === 'handshake' && <HandshakePanel templates={templates} />}
    </div>
  );
}
