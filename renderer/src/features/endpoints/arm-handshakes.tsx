// The handshake window of a saved endpoint: challenges are answered only while it is open (issue 13),
// so a subscription the user sets up by hand needs it opened first.
import { useEffect, useState } from 'react';
import { useServices } from '../../app-context';
import { formatClock } from '../../lib/format';

const ARM_MINUTES = 10;

export function ArmHandshakes({ endpoint }: { endpoint: string }) {
  const { api } = useServices();
  const [armedUntil, setArmedUntil] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('handshakes:armed', { endpoint }).then((result) => {
      if (live && result.ok) setArmedUntil(result.value.armedUntil);
    });
    return () => {
      live = false;
    };
  }, [api, endpoint]);

  async function arm(minutes: number) {
    const result = await api.call('handshakes:arm', { endpoint, minutes });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setArmedUntil(result.value.armedUntil);
  }

  return (
    <div className="endpoint-row" data-testid="endpoint-arm">
      <span className="muted" data-testid="endpoint-arm-state">
        {armedUntil === null
          ? 'Handshakes not armed: challenges get 403 (Twitter CRC and Zoom are still answered).'
          : `Handshakes armed until ${formatClock(armedUntil)}.`}
      </span>
      <button type="button" data-testid="endpoint-arm-button" onClick={() => void arm(ARM_MINUTES)}>
        Arm handshakes ({ARM_MINUTES} min)
      </button>
      {armedUntil !== null && (
        <button type="button" onClick={() => void arm(0)}>
          Disarm
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
