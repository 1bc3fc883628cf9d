import { describe, expect, it } from 'vitest';
import { parsePublicUrlFromBanner } from '../../../electron/engine/tunnel';

describe('parsePublicUrlFromBanner', () => {
  it('finds the URL in a serveo-style line', () => {
    expect(
      parsePublicUrlFromBanner('Forwarding HTTP traffic from https://abc123.serveo.net\r\n'),
    ).toBe('https://abc123.serveo.net');
  });

  it('finds the URL in a localhost.run-style banner with colours and other text first', () => {
    const banner =
      '\u001b[1m===============================================\u001b[0m\r\n' +
      'Welcome to localhost.run!\r\n\r\n' +
      '\u001b[32m4a1b2c3d4e5f.lhr.life\u001b[0m tunneled with tls termination, ' +
      '\u001b[32mhttps://4a1b2c3d4e5f.lhr.life\u001b[0m\r\n';
    expect(parsePublicUrlFromBanner(banner)).toBe('https://4a1b2c3d4e5f.lhr.life');
  });

  it('takes the first URL and keeps paths, ports and queries', () => {
    expect(
      parsePublicUrlFromBanner(
        'your URL: http://tunnel.example.test:8080/base?x=1 (also https://other.test)',
      ),
    ).toBe('http://tunnel.example.test:8080/base?x=1');
  });

  it('drops sentence punctuation after the URL', () => {
    expect(parsePublicUrlFromBanner('Visit https://abc.example.test.')).toBe(
      'https://abc.example.test',
    );
    expect(parsePublicUrlFromBanner('(see https://abc.example.test),')).toBe(
      'https://abc.example.test',
    );
  });

  it('returns null when no usable URL was printed yet', () => {
    expect(parsePublicUrlFromBanner('')).toBeNull();
    expect(parsePublicUrlFromBanner('Allocating a tunnel, please wait...')).toBeNull();
    expect(parsePublicUrlFromBanner('ftp://files.example.test only')).toBeNull();
    expect(parsePublicUrlFromBanner('half a URL: https://')).toBeNull();
  });
});
