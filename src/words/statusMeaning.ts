// What a status means at each provider, worded from the core's data (their documented error tables):
// the Request Tester, the agent tools and `ring-keys mcp` share these words. No `vscode` import at run time.
import type { MeaningRow, RingyoErrorCode, StatusMeaning } from '../core/tester/present';
// Type only, so that `npm run l10n` extracts the strings of this file's `l10n.t` calls.
import type { l10n } from 'vscode';

type L10n = Pick<typeof l10n, 't'>;

/** A row of a provider's documented error table: what the status means there, and the fix if the docs give one. */
export function meaningRowText(l10n: L10n, row: MeaningRow): { meaning: string; fix?: string } {
  switch (row) {
    // Ringg AI (providers research §1.6)
    case 'ringg.400': return { meaning: l10n.t('Bad request or invalid parameters. Also: nothing to terminate, campaign already started, invalid agent_id / list_id / number_pool_id, or insufficient credits (campaign start).'), fix: l10n.t('Fix the request.') };
    case 'ringg.401': return { meaning: l10n.t('The key is missing, invalid or was rotated.'), fix: l10n.t('Check the key: re-enter the current key from the dashboard and redeploy the secrets of every service that uses it.') };
    case 'ringg.402': return { meaning: l10n.t('Insufficient credits to start the campaign.'), fix: l10n.t('Add credits.') };
    case 'ringg.403': return { meaning: l10n.t('The key is valid but has no permission for this action.'), fix: l10n.t('Check the workspace role and API permissions.') };
    case 'ringg.404': return { meaning: l10n.t('Resource not found (campaign, agent, …).') };
    case 'ringg.409': return { meaning: l10n.t('Conflicts with the existing state (e.g. the inbound number is already in a pool in use).') };
    case 'ringg.422': return { meaning: l10n.t('Schema validation failed, e.g. both or neither of from_numbers / number_pool_id, or a missing field.'), fix: l10n.t('Fix the body.') };
    case 'ringg.429': return { meaning: l10n.t('Rate limit exceeded.'), fix: l10n.t('Back off and retry later.') };
    case 'ringg.5xx': return { meaning: l10n.t('A problem at Ringg or an upstream provider.'), fix: l10n.t('Retry with backoff; note the call id and context.') };
    // Ringyo AI (§2.5)
    case 'ringyo.400': return { meaning: l10n.t('Bad parameters.'), fix: l10n.t('Fix the request.') };
    case 'ringyo.401': return { meaning: l10n.t('The key is invalid or missing.'), fix: l10n.t('Re-enter the key; a revoked or regenerated key stops working at once.') };
    case 'ringyo.403': return { meaning: l10n.t('Insufficient permissions: the key lacks the scope (e.g. agents:read), or the plan has no API access (Pro and Agency only).'), fix: l10n.t("Check the key's permissions in Dashboard → Developers → API Keys.") };
    case 'ringyo.404': return { meaning: l10n.t('Resource not found.') };
    case 'ringyo.429': return { meaning: l10n.t('Rate limit exceeded (on call creation also: too many concurrent calls).'), fix: l10n.t('Back off exponentially; X-RateLimit-Reset says when the window resets.') };
    case 'ringyo.5xx': return { meaning: l10n.t('A problem at Ringyo.'), fix: l10n.t('Retry later.') };
    // Ring Tonic documents no error table; what is known (§3.2, §3.5)
    case 'ringtonic.401': return { meaning: l10n.t('The key is invalid or was revoked (revocation is immediate).'), fix: l10n.t('Create a new key in Settings → API Keys and re-enter it.') };
    case 'ringtonic.403': return { meaning: l10n.t('The account is not on the Agency plan ("plan required"), or the key may not do this.'), fix: l10n.t('API access needs the Agency plan.') };
    case 'ringtonic.404': return { meaning: l10n.t('Not found. For geo-data: an unknown campaign (the key itself was accepted).') };
    case 'ringtonic.5xx': return { meaning: l10n.t('A problem at Ring Tonic.'), fix: l10n.t('Retry later.') };
  }
}

/** Ringyo's documented `error.code` values (§2.5). */
export function ringyoCodeText(l10n: L10n, code: RingyoErrorCode): string {
  switch (code) {
    case 'invalid_phone_number': return l10n.t('phone_number is not in E.164 format.');
    case 'agent_not_found': return l10n.t('No agent with that agent_id.');
    case 'insufficient_credits': return l10n.t('Not enough credits to place the call.');
    case 'rate_limit_exceeded': return l10n.t('Too many requests, or too many concurrent calls.');
    case 'invalid_from_number': return l10n.t('from_number is not a number you own.');
    case 'call_not_found': return l10n.t('No call with that id.');
    case 'unauthorized': return l10n.t('The key may not access this resource.');
    case 'invalid_url': return l10n.t('The webhook URL must be HTTPS.');
    case 'invalid_events': return l10n.t('Unknown event names.');
    case 'webhook_limit_reached': return l10n.t("The plan's maximum number of webhooks is reached.");
    case 'url_unreachable': return l10n.t('Ringyo could not reach the webhook URL.');
    case 'webhook_not_found': return l10n.t('No webhook with that id.');
  }
}

export function statusMeaningText(l10n: L10n, m: StatusMeaning): { meaning: string; fix?: string } {
  const code = m.ringyoCode ? l10n.t('{0} ({1})', ringyoCodeText(l10n, m.ringyoCode), m.ringyoCode) : undefined;
  if (m.row) {
    const row = meaningRowText(l10n, m.row);
    return { meaning: code ? `${code} ${row.meaning}` : row.meaning, fix: row.fix };
  }
  let generic: string;
  switch (m.generic) {
    case 'created': generic = l10n.t('Created.'); break;
    case 'noContent': generic = l10n.t('Done; no content.'); break;
    case 'success': case undefined: generic = l10n.t('Success.'); break;
    case 'serverError': generic = l10n.t('A server error.'); break;
    case 'refused': generic = l10n.t('The request was refused.'); break;
    case 'redirect': generic = l10n.t('A redirect the HTTP layer did not follow.'); break;
  }
  const parts = [code, generic, m.noTable ? l10n.t('Ring Tonic documents no error table.') : undefined];
  return { meaning: parts.filter(Boolean).join(' ') };
}
