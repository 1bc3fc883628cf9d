import { safeEqual, missingHeader, noSecrets, result } from '../crypto-helpers';
import { header, withHeaders } from '../http-helpers';
import { standardWebhooks, verifyStandardWebhooks } from '../standard-webhooks';
import type { EventDefinition, Provider } from '../types';
import { forgeGitlab } from './forge';

const TOKEN_HEADER = 'X-Gitlab-Token';

const project = {
  id: 15,
  name: 'Diaspora',
  path_with_namespace: 'mike/diaspora',
  web_url: 'http://example.com/mike/diaspora',
  default_branch: 'master',
};

const events: readonly EventDefinition[] = [
  {
    name: 'Push Hook',
    description: 'Commits were pushed to the repository.',
    template: {
      object_kind: 'push',
      event_name: 'push',
      before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      ref: 'refs/heads/master',
      user_id: 4,
      user_name: 'John Smith',
      user_username: 'jsmith',
      project_id: 15,
      project,
      commits: [
        {
          id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          message: 'fixed readme',
          timestamp: '2024-05-02T10:14:22+02:00',
          author: { name: 'GitLab dev user', email: 'gitlabdev@dv6700.(none)' },
          added: [],
          modified: ['README.md'],
          removed: [],
        },
      ],
      total_commits_count: 1,
    },
  },
  {
    name: 'Merge Request Hook',
    description: 'A merge request was opened, updated, merged or closed.',
    template: {
      object_kind: 'merge_request',
      event_type: 'merge_request',
      user: { id: 1, name: 'Administrator', username: 'root' },
      project,
      object_attributes: {
        id: 99,
        iid: 1,
        title: 'MS-Viewport',
        state: 'opened',
        action: 'open',
        source_branch: 'ms-viewport',
        target_branch: 'master',
      },
    },
  },
];

export const gitlab: Provider = {
  id: 'gitlab',
  name: 'GitLab',
  detect(delivery) {
    const event = header(delivery, 'X-Gitlab-Event');
    if (header(delivery, TOKEN_HEADER) !== null || event !== null) return { event, confidence: 1 };
    return null;
  },
  verify(delivery, context) {
    // Newer GitLab (signing tokens) uses the Standard Webhooks headers instead of a plain token.
    if (header(delivery, 'webhook-signature') !== null) {
      return verifyStandardWebhooks(delivery, context, 'GitLab (signing token)');
    }
    const token = header(delivery, TOKEN_HEADER);
    if (token === null) return missingHeader('GitLab', TOKEN_HEADER);
    if (context.secrets.length === 0) return noSecrets('GitLab', 'secret token');
    const index = context.secrets.findIndex((secret) => safeEqual(secret, token));
    if (index !== -1) {
      return result('valid', `${TOKEN_HEADER} equals configured secret token #${index + 1}.`, {
        signed: 'none: GitLab sends the secret token itself',
        secretIndex: index,
      });
    }
    return result(
      'invalid',
      `${TOKEN_HEADER} does not equal ${context.secrets.length === 1 ? 'the configured secret token' : `any of the ${context.secrets.length} configured secret tokens`} (received ${token.length} characters).`,
      { signed: 'none: GitLab sends the secret token itself' },
    );
  },
  /** A whsec_ secret is a signing token (Standard Webhooks headers); anything else a plain token. */
  sign(request, secret, options) {
    if (secret.startsWith('whsec_') && standardWebhooks.sign) {
      return standardWebhooks.sign(request, secret, options);
    }
    return { ...request, rawHeaders: withHeaders(request.rawHeaders, { [TOKEN_HEADER]: secret }) };
  },
  forge: forgeGitlab,
  events,
};
