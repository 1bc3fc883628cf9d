import { randomUUID } from 'node:crypto';
import type { ForgeContext, ForgeShape } from '../types';

/** The GitLab version forged deliveries claim in User-Agent (`GitLab/<version>`). */
const GITLAB_VERSION = '18.5.0';

/**
 * The headers GitLab sends with a webhook: WebHookService#build_headers
 * (app/services/web_hook_service.rb) with the names in lib/gitlab/web_hooks.rb: Content-Type,
 * User-Agent, X-Gitlab-Event (the hook name, `Push Hook`), X-Gitlab-Webhook-UUID (the hook),
 * X-Gitlab-Instance (the instance URL), X-Gitlab-Event-UUID (recursion detection, one per event)
 * and Idempotency-Key (same for retries). X-Gitlab-Token or the signing-token headers come from sign().
 */
export function forgeGitlab(context: ForgeContext): ForgeShape {
  const eventUuid = randomUUID();
  return {
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', `GitLab/${GITLAB_VERSION}`],
      ['X-Gitlab-Event', context.event],
      ['X-Gitlab-Webhook-UUID', randomUUID()],
      ['X-Gitlab-Instance', 'https://gitlab.example.com'],
      ['X-Gitlab-Event-UUID', eventUuid],
      ['Idempotency-Key', eventUuid],
    ],
    framing: 'length',
  };
}
