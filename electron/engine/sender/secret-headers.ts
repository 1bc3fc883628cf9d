// Header names that carry a signature or a credential. Matching by words keeps unknown providers'
// headers (X-Foo-Signature, X-Api-Key) covered too.
const SECRET_HEADER =
  /(^(proxy-)?authorization$|^cookie$|signature|secret|token|api-?key|^x-hub-signature)/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}
