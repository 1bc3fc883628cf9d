import { randomUUID } from 'node:crypto';
import type { ForgeContext, ForgeShape } from '../types';

/**
 * The headers Zoom sends with an event (developers.zoom.us "Using webhooks": x-zm-request-timestamp,
 * x-zm-signature from sign(), x-zm-trackingid; user agent `Zoom Marketplace/1.0a`).
 */
export function forgeZoom(context: ForgeContext): ForgeShape {
  return {
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['User-Agent', 'Zoom Marketplace/1.0a'],
      ['x-zm-request-timestamp', String(Math.floor(context.now / 1000))],
      ['x-zm-trackingid', `v=2.0;clid=us05;rid=WEB_${randomUUID().replaceAll('-', '')}`],
    ],
    framing: 'length',
  };
}
