// The CLI's words for what the core reports as data: errors and their fixes, key-format problems, verify
// summaries and notes. English, and deterministic (credits always en-US), so the output does not depend on
// the machine. The extension words the same data through vscode.l10n.t (src/vscode/ui/messages.ts).
import type {
  ErrorAdvice, KeyMissingReason, MalformedReason, NetworkReason, OriginReason, RedirectReason, SecretStorageReason,
  TextReason, TimeoutReason, TooLargeReason,
} from '../core/http/errors';
import type { KeyFormatError, KeyFormatWarning } from '../core/keys';
import type { LiveVerdict } from '../core/liveCheck';
import type { VerifyNote, VerifySummary } from '../core/providers/clients';
import { formatCredits } from '../core/credits';

/** The CLI's number format: fixed, so that output and tests are the same on every machine. */
export const CLI_LOCALE = 'en-US';

export function credits(n: number | undefined): string {
  return formatCredits(n, CLI_LOCALE);
}

/** One line for the error, and what to do about it (from the provider docs' troubleshooting tables). */
export function errorText(a: ErrorAdvice): { message: string; fix: string } {
  const p = a.provider ?? 'The provider';
  switch (a.kind) {
    case 'unexpected':
      return { message: `Unexpected error: ${a.detail}`, fix: 'See the Ring Keys log for details.' };
    case 'keyRejected':
      return { message: `${p} rejected the key (401): it is missing, invalid or was rotated.`,
        fix: 'Re-enter the current key from the dashboard, and redeploy any service that uses the old one.' };
    case 'forbidden':
      return { message: `${p} accepted the key but refused this action (403).`,
        fix: 'Check the workspace role or the key\'s permissions (and the plan) in the dashboard.' };
    case 'rateLimited':
      return { message: `${p} is rate-limiting this key (429).${a.retryAfterS !== undefined ? ` Try again in ${a.retryAfterS} s.` : ''}`,
        fix: 'Back off and retry later; lower the request rate in settings.' };
    case 'providerError':
      return { message: `${p} had a problem (${a.status ?? '5xx'}); retries did not help.`, fix: 'This is on the provider\'s side: try again later.' };
    case 'requestError':
      return { message: `${p} refused the request (${a.status}): ${a.detail}`, fix: 'Fix the request parameters or body.' };
    case 'network':
      return { message: `Could not reach ${p}: ${networkDetail(a.reason)}`, fix: 'Check the network connection and the base URL setting.' };
    case 'timeout':
      return { message: `${p} did not answer in time: ${timeoutDetail(a.reason)}`,
        fix: 'Try again; if the network is slow, allow more time (setting ringKeys.http.timeoutSeconds, or --timeout).' };
    case 'tooLarge':
      return { message: tooLargeText(a.reason), fix: 'The answer was cut off to protect memory.' };
    case 'malformed':
      return { message: `${p} sent an answer that is not the expected JSON: ${malformedDetail(a.reason)}`, fix: 'Check the base URL points at the API; try again later.' };
    case 'redirectBlocked':
      return { message: redirectText(a.reason, p), fix: 'Check the base URL setting; the key was not sent to the other host.' };
    case 'originNotAllowed':
      return { message: originText(a.reason), fix: 'Use the provider\'s HTTPS host or a loopback address (the sandbox).' };
    case 'secretStorage':
      return { message: secretStorageText(a.reason),
        fix: 'On Linux, install and unlock a keyring (gnome-keyring or KWallet) or run VS Code with --password-store=basic; nothing was written to a file.' };
    case 'keyMissing':
      return { message: keyMissingText(a.reason), fix: 'Re-enter the key.' };
  }
}

function networkDetail(r: NetworkReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'cancelled': return `${r.where} was cancelled`;
    case 'failed': return `${r.where}: ${r.cause}${r.dropped ? ' (the connection dropped after the request was sent)' : ''}`;
  }
}

function timeoutDetail(r: TimeoutReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'attempt': return `${r.where}: no complete answer within ${r.seconds} s`;
    case 'connect': return `${r.where}: could not connect within ${r.seconds} s`;
    case 'headers': return `${r.where}: no response headers within ${r.seconds} s`;
    case 'body': return `${r.where}: the response body stalled for ${r.seconds} s`;
  }
}

function tooLargeText(r: TooLargeReason | TextReason): string {
  return r.code === 'text' ? r.text : `The response was larger than ${r.kib} KiB and was cut off.`;
}

function malformedDetail(r: MalformedReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'notJson': return `expected JSON, got ${r.contentType ?? 'no content type'} (${r.bytes} B): "${r.snippet}"`;
    case 'noWorkspaceInfo': return 'GET /workspace answered without workspace_info';
    case 'noNewKey': return `the rotation answer (${r.bytes} B, ${r.contentType ?? 'no content type'}) holds no new key that could be read`;
  }
}

function redirectText(r: RedirectReason | TextReason, p: string): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'otherHost': return `The server redirected to another host (${r.host}); the redirect was not followed, so the key was not sent there.`;
    case 'tooMany': return `Too many redirects (more than ${r.max}).`;
    case 'noLocation': return `${p} answered ${r.status} without a usable Location; not followed.`;
  }
}

function originText(r: OriginReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'notUrl': return `"${r.value}" is not a URL.`;
    case 'credentials': return 'A base URL with credentials in it is not accepted.';
    case 'notHttps': return `${r.provider} keys are only sent over HTTPS (plain http only to loopback), not to ${r.origin}.`;
    case 'notDomain': return `${r.provider} keys are only sent to ${r.domain} hosts or loopback, not to ${r.host}.`;
  }
}

function secretStorageText(r: SecretStorageReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'failed': return `VS Code's SecretStorage could not ${r.op} the key (${r.detail}). Nothing was written to a file instead.`;
    case 'keyring': return `VS Code cannot use the system keyring, so Ring Keys cannot store or read keys (${r.detail}).`;
  }
}

function keyMissingText(r: KeyMissingReason | TextReason): string {
  switch (r.code) {
    case 'text': return r.text;
    case 'noSecret': return `SecretStorage holds no key for "${r.profile}" (removed in another window, or the keyring was reset).`;
    case 'noProfile': return 'That key profile no longer exists.';
  }
}

export function keyFormatText(code: KeyFormatError | KeyFormatWarning): string {
  switch (code) {
    case 'empty': return 'Enter the key.';
    case 'whitespace': return 'A key has no spaces or line breaks.';
    case 'ringgNotUuid': return 'A Ringg AI key is a UUID like 7251cb4b-3373-43a4-844c-b27a1d45e0c9.';
    case 'ringyoPrefix': return 'A Ringyo AI key starts with rg_live_ or rg_test_ (older pages: vb_live_ / vb_test_).';
    case 'ringtonicTooShort': return 'That is too short to be a Ring Tonic API key.';
    case 'ringgNotV4': return 'This UUID is not version 4, unlike every documented Ringg key. Check you copied the key, not an id.';
    case 'ringyoTestKey': return 'Test key: no real calls are placed and no credits are used.';
  }
}

export function verifySummaryText(s: VerifySummary): string {
  switch (s.kind) {
    case 'workspace': return `${s.name}: ${credits(s.available)} credits available`;
    case 'ringyo': {
      const what = s.listed === 'phoneNumbers' ? 'phone numbers' : s.listed;
      return `${s.mode === 'test' ? 'TEST key' : 'Live key'}${s.total !== undefined ? `, ${s.total} ${what}` : ''}${s.perMinute ? `, ${s.perMinute}/min` : ''}`;
    }
    case 'accepted': return s.geoData ? 'Key accepted (campaign geo-data readable)' : 'Key accepted';
  }
}

export function verifyNoteText(n: VerifyNote): string {
  switch (n.kind) {
    case 'fallback': return `This key cannot read ${n.denied} (403); verified through ${n.via}.`;
    case 'campaignNotFound': return `Campaign ${n.campaign} was not found; the key itself was accepted.`;
  }
}

export const UNVERIFIABLE_TEXT = 'Ring Tonic documents no endpoint for checking a key. Stored, not verifiable: add a campaign UUID to the profile to verify through its geo-data.';

/** A found key's verdict in one line (text output, SARIF, JSON). */
export function verdictText(v: LiveVerdict): string {
  switch (v.reason) {
    case 'accepted':
      return v.workspace
        ? `live: the key opens workspace "${v.workspace.name}"${v.workspace.available !== undefined ? ` (${credits(v.workspace.available)} credits available)` : ''}`
        : `live: the key works${v.summary ? ` (${verifySummaryText(v.summary)})` : ''}`;
    case 'rejected': return 'rejected: the provider refuses the key (401: revoked, rotated or never valid)';
    case 'forbidden': return 'restricted: the key is accepted but may not read what the check asks (403)';
    case 'rateLimited': return 'unknown: rate-limited (429); try again later';
    case 'providerError': return `unknown: the provider had a problem (${v.status ?? '5xx'})`;
    case 'network': return 'unknown: the provider could not be reached';
    case 'timeout': return 'unknown: the provider did not answer in time';
    case 'malformed': return 'unknown: the provider\'s answer was not the documented JSON';
    case 'noCampaign': return 'unknown: Ring Tonic has no endpoint to check a key without a campaign (--ringtonic-campaign)';
    case 'notAllowed': return 'unknown: not sent (the base URL or a redirect would take the key to another origin)';
    case 'other': return 'unknown: the check failed';
  }
}
