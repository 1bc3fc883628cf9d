// Why a delivery got its badge: signature, schema and body-health findings, each explained.
import type { Verdict } from '../../../../electron/contract/verdict';
import { Section } from './section';

const SIGNATURE_TEXT = {
  valid: 'Signature valid',
  invalid: 'Signature invalid',
  missing: 'Signature missing',
  'not-applicable': 'No signature to check',
  'forged-via-handshake': 'Signature forged via a handshake answer',
} as const;

export function VerdictPanel({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return null;
  const { signature, schema, health } = verdict;
  return (
    <Section title="Verdict" testId="detail-verdict">
      <ul className="verdict-list">
        <li
          className={`verdict-item verdict-sig-${signature.status}`}
          data-testid="verdict-signature"
        >
          <strong>{SIGNATURE_TEXT[signature.status]}</strong>
          {signature.reason && <span className="muted"> — {signature.reason}</span>}
        </li>
        {schema.status !== 'no-schema' && (
          <li
            className={`verdict-item verdict-schema-${schema.status}`}
            data-testid="verdict-schema"
          >
            <strong>{schema.status === 'valid' ? 'Schema valid' : 'Schema invalid'}</strong>
            {schema.errors.map((error, index) => (
              <div key={index} className="verdict-detail">
                <code>{error.pointer || '/'}</code> {error.message}
              </div>
            ))}
          </li>
        )}
        {health.map((finding, index) => (
          <li
            key={index}
            className={`verdict-item verdict-health-${finding.severity}`}
            data-testid="verdict-health"
          >
            <strong>{finding.code}</strong> <span>{finding.message}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
