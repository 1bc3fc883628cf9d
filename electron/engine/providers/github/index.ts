import { signBodyHmac, verifyBodyHmac, type BodyHmacScheme } from '../body-hmac-scheme';
import { missingHeader } from '../crypto-helpers';
import { header } from '../http-helpers';
import type { EventDefinition, Provider } from '../types';

const SHA256: BodyHmacScheme = {
  providerName: 'GitHub',
  header: 'X-Hub-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
};

/** Legacy header GitHub still sends for compatibility; only used when the sha256 one is absent. */
const SHA1: BodyHmacScheme = {
  ...SHA256,
  header: 'X-Hub-Signature',
  algorithm: 'sha1',
  prefix: 'sha1=',
};

const repository = {
  id: 1296269,
  name: 'hello-world',
  full_name: 'octocat/hello-world',
  private: false,
  html_url: 'https://github.com/octocat/hello-world',
  default_branch: 'main',
};
const sender = { login: 'octocat', id: 1, type: 'User' };

const events: readonly EventDefinition[] = [
  {
    name: 'ping',
    description: 'Sent once when the webhook is created.',
    template: {
      zen: 'Keep it logically awesome.',
      hook_id: 30,
      hook: {
        type: 'Repository',
        id: 30,
        active: true,
        events: ['push'],
        config: { content_type: 'json' },
      },
      repository,
      sender,
    },
  },
  {
    name: 'push',
    description: 'One or more commits were pushed to a branch or tag.',
    template: {
      ref: 'refs/heads/main',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      created: false,
      deleted: false,
      forced: false,
      commits: [
        {
          id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
          message: 'Update README.md',
          timestamp: '2024-05-02T10:14:22+02:00',
          author: { name: 'Mona Octocat', email: 'mona@github.com', username: 'octocat' },
          added: [],
          removed: [],
          modified: ['README.md'],
        },
      ],
      pusher: { name: 'octocat', email: 'mona@github.com' },
      repository,
      sender,
    },
  },
  {
    name: 'pull_request',
    description: 'A pull request was opened, closed, synchronized, ...',
    template: {
      action: 'opened',
      number: 42,
      pull_request: {
        id: 279147437,
        number: 42,
        state: 'open',
        title: 'Fix the README',
        user: sender,
        head: { ref: 'fix-readme', sha: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
        base: { ref: 'main', sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' },
      },
      repository,
      sender,
    },
  },
];

export const github: Provider = {
  id: 'github',
  name: 'GitHub',
  detect(delivery) {
    const event = header(delivery, 'X-GitHub-Event');
    const signed =
      header(delivery, SHA256.header) !== null || header(delivery, SHA1.header) !== null;
    // X-Hub-Signature-256 alone is also Meta's header: GitHub is certain only with its own headers.
    if (event !== null || header(delivery, 'X-GitHub-Delivery') !== null) {
      return { event, confidence: 1 };
    }
    return signed ? { event: null, confidence: 0.5 } : null;
  },
  verify(delivery, context) {
    if (header(delivery, SHA256.header) !== null) {
      return verifyBodyHmac(SHA256, delivery, context.secrets);
    }
    if (header(delivery, SHA1.header) !== null) {
      return verifyBodyHmac(SHA1, delivery, context.secrets);
    }
    return missingHeader('GitHub', SHA256.header);
  },
  sign(request, secret) {
    return signBodyHmac(SHA1, signBodyHmac(SHA256, request, secret), secret);
  },
  events,
};
