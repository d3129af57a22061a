// Ring Tonic verifies a key only through a campaign (GET /campaigns/{uuid}/geo-data), so the user names one.
// They find it in the Ring Tonic dashboard: the campaign's page has its UUID in the address. This accepts
// the UUID or the whole address as pasted. No `vscode` import.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The campaign UUID in what the user pasted: a bare UUID, or a ringtonic.app address with the UUID in its
 * path (the one after `campaigns/` when there are several). Anything else, or over 2,000 characters, is undefined.
 */
export function campaignIdFrom(input: string): string | undefined {
  const text = input.trim();
  if (!text || text.length > 2000) { return undefined; }
  if (new RegExp(`^${UUID.source}$`, 'i').test(text)) { return text.toLowerCase(); }
  let url: URL;
  try { url = new URL(text); } catch { return undefined; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') { return undefined; }
  if (url.hostname !== 'ringtonic.app' && !url.hostname.endsWith('.ringtonic.app')) { return undefined; }
  const segments = url.pathname.split('/').map(s => { try { return decodeURIComponent(s); } catch { return s; } });
  const after = segments.findIndex(s => /^campaigns?$/i.test(s));
  const candidates = after >= 0 ? [...segments.slice(after + 1), ...segments.slice(0, after)] : segments;
  const hit = candidates.find(s => new RegExp(`^${UUID.source}$`, 'i').test(s));
  return hit?.toLowerCase();
}
