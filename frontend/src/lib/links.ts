/**
 * A link from the catalogue, kept only when it is a web address (http:// or https://).
 * Anything else (javascript:, data:, a relative path) is never put in an href.
 */
export function webLink(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^/]/i.test(url) ? url : null;
}
