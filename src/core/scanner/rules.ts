// The leak detector's rules: stable ids (diagnostic codes, SARIF rule ids, baseline entries), default
// severities, and the explanation each finding links to (a heading in docs/detection.md). No `vscode` import.
import type { ProviderId } from '../providers/catalog';

export type RuleId =
  | 'ringyo-live-key'
  | 'ringyo-test-key'
  | 'ringg-api-key'
  | 'ringtonic-api-key'
  | 'ringyo-bearer-token'
  | 'client-exposed-key'
  | 'own-key';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleInfo {
  readonly id: RuleId;
  /** The provider whose key the rule finds (own-key: the stored profile's provider, set per finding). */
  readonly provider?: ProviderId;
  readonly title: string;
  readonly defaultSeverity: Severity;
  /** One sentence for SARIF `shortDescription` and `ring-keys rules`. */
  readonly summary: string;
  /** What to do about it (SARIF `help`, the rule's section in docs/detection.md). */
  readonly help: string;
}

/** The repository in package.json; each rule's explanation is a heading of docs/detection.md there. */
export const REPOSITORY_URL = 'https://github.com/ring-keys/ring-keys';

const FIX = 'Store the key with "Ring Keys" (SecretStorage), read it from the environment in code, and rotate it: ' +
  'a key that reached a commit stays in the history.';

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  'ringyo-live-key': {
    id: 'ringyo-live-key', provider: 'ringyo', title: 'Ringyo AI live key', defaultSeverity: 'error',
    summary: 'A Ringyo AI live key (rg_live_… or vb_live_…): it places real calls and spends credits.',
    help: `${FIX} Ringyo keys are regenerated in Dashboard → Developers → API Keys.`,
  },
  'ringyo-test-key': {
    id: 'ringyo-test-key', provider: 'ringyo', title: 'Ringyo AI test key', defaultSeverity: 'warning',
    summary: 'A Ringyo AI test key (rg_test_… or vb_test_…): no real calls, but still a credential of your account.',
    help: `${FIX} Test keys are lower risk but still read your agents, calls and numbers.`,
  },
  'ringg-api-key': {
    id: 'ringg-api-key', provider: 'ringg', title: 'Ringg AI API key', defaultSeverity: 'error',
    summary: 'A UUID used as a Ringg AI key: sent as X-API-KEY, or assigned to a key, token or secret name (low confidence when nothing ties it to Ringg AI).',
    help: `${FIX} Ringg keys are rotated with PATCH /workspace/api-key or Regenerate in the dashboard; the old key stops at once. ` +
      'UUIDs named as ids (agent_id, callId, …), in URL paths, GUID constants and other vendors\' credentials are not reported; ' +
      'a UUID under a generic key name only is reported one severity step lower, as possibly a Ringg key.',
  },
  'ringtonic-api-key': {
    id: 'ringtonic-api-key', provider: 'ringtonic', title: 'Ring Tonic API key', defaultSeverity: 'error',
    summary: 'A Bearer token sent to ringtonic.app, or the value of a RINGTONIC_* key name.',
    help: `${FIX} Ring Tonic keys cannot be regenerated: revoke the key in Settings → API Keys and create a new one.`,
  },
  'ringyo-bearer-token': {
    id: 'ringyo-bearer-token', provider: 'ringyo', title: 'Bearer token sent to Ringyo AI', defaultSeverity: 'error',
    summary: 'A Bearer token in a request to a ringyo.ai host that is not in the rg_/vb_ key format.',
    help: `${FIX} Regenerate the key in the Ringyo dashboard if it was ever committed.`,
  },
  'client-exposed-key': {
    id: 'client-exposed-key', title: 'Provider key shipped to clients', defaultSeverity: 'warning',
    summary: 'A Ringg AI, Ringyo AI or Ring Tonic key read through a variable that build tools inline into browser or app code (NEXT_PUBLIC_*, VITE_*, REACT_APP_*, EXPO_PUBLIC_*, …, a Flutter --dart-define, react-native-config): every visitor can read it.',
    help: 'Build tools copy NEXT_PUBLIC_*, VITE_*, REACT_APP_*, EXPO_PUBLIC_*, NUXT_PUBLIC_*, PUBLIC_*, GATSBY_* and VUE_APP_* ' +
      'variables into the JavaScript every visitor downloads, and mobile builds compile Flutter --dart-define values, react-native-config ' +
      'and react-native-dotenv variables and an Expo app config into the app. Keep the key in a server-only variable (RINGG_API_KEY) and call the ' +
      'provider from a server route (a Next.js route handler, an Express endpoint) that the client calls instead; rotate a key that has shipped.',
  },
  'own-key': {
    id: 'own-key', title: 'Your stored key', defaultSeverity: 'error',
    summary: 'A key stored in Ring Keys (matched by its SHA-256 fingerprint), whatever the context.',
    help: `${FIX} This exact key is in your vault, so it is live: rotate it now if the file was ever shared.`,
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RULES, value);
}

/** The page that explains detection and the rules, on the repository's default branch. */
export const DETECTION_DOC_URL = `${REPOSITORY_URL}/blob/HEAD/docs/detection.md`;

/** Where a rule is explained: its section (a heading named by its id) in docs/detection.md. */
export function ruleHelpUrl(id: RuleId): string {
  return `${DETECTION_DOC_URL}#${id}`;
}
