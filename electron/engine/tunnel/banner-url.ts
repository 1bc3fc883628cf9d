/**
 * The first http(s) URL printed by an `ssh -R` tunnel service on its session (serveo,
 * localhost.run, ... print e.g. "Forwarding HTTP traffic from https://abc.serveo.net"), or null.
 * Terminal colour codes are stripped first: these services colour their banners.
 */
export function parsePublicUrlFromBanner(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  const match = /\bhttps?:\/\/[^\s"'<>`]+/i.exec(plain);
  if (!match) return null;
  // Sentences end URLs with punctuation that is not part of them ("... at https://x.io.").
  const url = match[0].replace(/[.,;:!?)\]}]+$/, '');
  try {
    const parsed = new URL(url);
    return parsed.hostname ? url : null;
  } catch {
    return null;
  }
}
