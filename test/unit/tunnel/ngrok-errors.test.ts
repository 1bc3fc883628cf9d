import { describe, expect, it } from 'vitest';
import {
  describeNgrokError,
  ngrokErrorCode,
  ngrokTimeoutError,
} from '../../../electron/engine/tunnel/ngrok-errors';

/** Builds an error the way @ngrok/ngrok 1.x throws it: napi Error, code 'GenericFailure', and
 * `errorCode` filled in by the SDK's JS wrapper from the "error_code: ERR_NGROK_nnn" suffix. */
function sdkError(message: string, withErrorCode = true): Error {
  const error = Object.assign(new Error(message), { code: 'GenericFailure' });
  const match = /error_code: (ERR_NGROK_\d+)$/.exec(message);
  if (withErrorCode && match) Object.assign(error, { errorCode: match[1] });
  return error;
}

const TOKEN = '2abcDEFsecretTOKEN_0123456789abcdefghijklmnop';

describe('describeNgrokError', () => {
  it('maps the offline failure of SDK 1.7.0 (observed on a machine without internet) to "cannot reach"', () => {
    const error = describeNgrokError(
      sdkError('failed to connect session: failed to establish tcp connection'),
    );
    expect(error.message).toBe(
      'cannot reach ngrok (connect.ngrok-agent.com:443): check the internet connection, firewall or proxy',
    );
    expect(error.retryable).toBe(true);
  });

  it('maps a TLS failure (proxy or interception) to "cannot reach"', () => {
    expect(
      describeNgrokError(sdkError('failed to connect session: tls handshake error')).message,
    ).toMatch(/^cannot reach ngrok/);
  });

  it('maps ERR_NGROK_4018 (missing or unverified authtoken, ngrok-javascript#125) to a rejected token', () => {
    const error = describeNgrokError(
      sdkError(
        'failed to connect session: Usage of ngrok requires a verified account and authtoken.\n' +
          'Sign up for an account: https://dashboard.ngrok.com/signup\n' +
          'Install your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken error_code: ERR_NGROK_4018',
      ),
    );
    expect(error.message).toBe(
      'ngrok rejected the authtoken: check it against https://dashboard.ngrok.com/get-started/your-authtoken (ERR_NGROK_4018)',
    );
    expect(error.retryable).toBe(false);
  });

  it('maps ERR_NGROK_105 (malformed token) without repeating the token the service echoes', () => {
    const error = describeNgrokError(
      sdkError(
        'failed to connect session: authentication failure: The authtoken you specified does not look like a proper ngrok authtoken.\n' +
          `Your authtoken: ${TOKEN}\n` +
          'Instructions to install your authtoken are on your ngrok dashboard:\n' +
          'https://dashboard.ngrok.com/get-started/your-authtoken error_code: ERR_NGROK_105',
      ),
    );
    expect(error.message).toMatch(/^ngrok rejected the authtoken: .*\(ERR_NGROK_105\)$/);
    expect(error.message).not.toContain(TOKEN);
    expect(error.retryable).toBe(false);
  });

  it('maps ERR_NGROK_107 (revoked token) found only in the message text', () => {
    const error = describeNgrokError(
      sdkError(
        'failed to connect session: The authtoken you specified is properly formed, but it is invalid.\n' +
          `Your authtoken: ${TOKEN} error_code: ERR_NGROK_107`,
        false,
      ),
    );
    expect(ngrokErrorCode(error.cause)).toBe('ERR_NGROK_107');
    expect(error.message).toMatch(/^ngrok rejected the authtoken/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('maps an authentication failure without a code to a rejected token', () => {
    expect(
      describeNgrokError(sdkError('failed to connect session: authentication failure')).message,
    ).toMatch(/^ngrok rejected the authtoken/);
  });

  it('maps ERR_NGROK_320 to a domain reserved for another account', () => {
    const error = describeNgrokError(
      sdkError(
        'failed to start listener: This domain is reserved for another account.\n' +
          'Failed to create an endpoint with the domain hooks.example.test for the account Someone. ' +
          'error_code: ERR_NGROK_320',
      ),
      { domain: 'hooks.example.test' },
    );
    expect(error.message).toBe(
      'the domain "hooks.example.test" is reserved for another ngrok account: use an authtoken of the account that reserved it (ERR_NGROK_320)',
    );
    expect(error.retryable).toBe(false);
  });

  it('maps ERR_NGROK_7118 and "not reserved" texts to a domain not reserved for this account', () => {
    const coded = describeNgrokError(
      sdkError(
        'failed to start listener: The domain hooks.example.test is not reserved by your account. error_code: ERR_NGROK_7118',
      ),
      { domain: 'hooks.example.test' },
    );
    expect(coded.message).toMatch(
      /^the domain "hooks\.example\.test" is not reserved for this ngrok account: /,
    );
    expect(coded.retryable).toBe(false);
    expect(describeNgrokError('The domain x.test is not reserved.').message).toMatch(
      /^the requested domain is not reserved for this ngrok account: /,
    );
  });

  it('keeps the first line and the code of anything unknown, as retryable', () => {
    const error = describeNgrokError(
      sdkError(
        'failed to start listener: something new happened\nmore detail error_code: ERR_NGROK_9999',
      ),
    );
    expect(error.message).toBe(
      'ngrok failed: failed to start listener: something new happened (ERR_NGROK_9999)',
    );
    expect(error.retryable).toBe(true);
  });

  it('handles values that are not errors', () => {
    expect(describeNgrokError(undefined).message).toBe('ngrok failed: unknown error');
    expect(describeNgrokError(42).message).toBe('ngrok failed: unknown error');
  });
});

describe('ngrokTimeoutError', () => {
  it('says how long it waited, in seconds', () => {
    expect(ngrokTimeoutError(15_000).message).toBe(
      'ngrok did not connect within 15 s: check the internet connection, firewall or proxy',
    );
    expect(ngrokTimeoutError(2_500).message).toMatch(/^ngrok did not connect within 2\.5 s/);
    expect(ngrokTimeoutError(1).retryable).toBe(true);
  });
});
