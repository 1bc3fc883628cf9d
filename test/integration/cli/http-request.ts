import { request, type Agent } from 'node:http';

export interface SentRequest {
  method?: string;
  target: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  agent?: Agent;
}

export interface Reply {
  status: number;
  body: Buffer;
}

/** One request to the receiver over real loopback HTTP; resolves once the whole answer is read. */
export function sendRequest(baseUrl: string, sent: SentRequest): Promise<Reply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: sent.method ?? 'POST',
        path: sent.target,
        headers: sent.headers,
        agent: sent.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('response aborted')));
      },
    );
    req.on('error', reject);
    req.end(sent.body ? Buffer.from(sent.body) : undefined);
  });
}

/** The delivery id the receiver's default answer carries: `{"ok":true,"id":"..."}`. */
export function answeredId(reply: Reply): string {
  const parsed = JSON.parse(reply.body.toString('utf8')) as { id?: unknown };
  if (typeof parsed.id !== 'string') throw new Error(`no id in ${reply.body.toString('utf8')}`);
  return parsed.id;
}
