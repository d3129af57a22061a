// What we know of each provider (../docs: providers research), in one table the rest of the code reads.
export type ProviderId = 'ringg' | 'ringyo' | 'ringtonic';

export const PROVIDER_IDS: readonly ProviderId[] = ['ringg', 'ringyo', 'ringtonic'];

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly label: string;
  /** The documented production base URL (always HTTPS). */
  readonly defaultBaseUrl: string;
  /** Hosts under this registrable domain may receive the key (staging hosts); nothing else but loopback. */
  readonly domain: string;
  /** How the key travels. */
  readonly auth: 'x-api-key' | 'bearer';
  /** The environment variable the CLI reads and quick fixes refer to. */
  readonly envVar: string;
  /** Where a person manages keys (the guided rotation flow opens it). */
  readonly dashboardUrl: string;
  readonly dashboardPath: string;
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderInfo>> = {
  ringg: {
    id: 'ringg',
    label: 'Ringg AI',
    defaultBaseUrl: 'https://prod-api.ringg.ai/ca/api/v0',
    domain: 'ringg.ai',
    auth: 'x-api-key',
    envVar: 'RINGG_API_KEY',
    dashboardUrl: 'https://app.ringg.ai',
    dashboardPath: 'API Key in the dashboard sidebar',
  },
  ringyo: {
    id: 'ringyo',
    label: 'Ringyo AI',
    defaultBaseUrl: 'https://api.ringyo.ai/v1',
    domain: 'ringyo.ai',
    auth: 'bearer',
    envVar: 'RINGYO_API_KEY',
    dashboardUrl: 'https://app.ringyo.ai',
    dashboardPath: 'Dashboard → Developers → API Keys',
  },
  ringtonic: {
    id: 'ringtonic',
    label: 'Ring Tonic',
    defaultBaseUrl: 'https://ringtonic.app/api/v1',
    domain: 'ringtonic.app',
    auth: 'bearer',
    envVar: 'RINGTONIC_API_KEY',
    dashboardUrl: 'https://ringtonic.app',
    dashboardPath: 'Settings → API Keys',
  },
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}

/** The headers that carry `key` for `provider`. */
export function authHeaders(provider: ProviderId, key: string): Record<string, string> {
  return PROVIDERS[provider].auth === 'x-api-key'
    ? { 'x-api-key': key }
    : { authorization: `Bearer ${key}` };
}
