import * as vscode from 'vscode';
import { PROVIDERS } from '../../../core/providers/catalog';
import { browserCallSite, type Finding } from '../../../core/scanner/scanner';

/** The diagnostic message of a finding, localised. The key appears masked only. */
export function findingMessage(f: Finding): string {
  const m = f.masked;
  const header = f.name?.toLowerCase() === 'x-api-key';
  switch (f.rule) {
    case 'own-key':
      return vscode.l10n.t("This is your stored key '{0}' ({1}). Read it from the environment instead of writing it in a file.", f.ownKeyName ?? '', m);
    case 'ringyo-live-key':
      return vscode.l10n.t('Ringyo AI live key {0} in a file: it places real calls and spends credits.', m);
    case 'ringyo-test-key':
      return vscode.l10n.t('Ringyo AI test key {0} in a file: no real calls, but still a credential of your account.', m);
    case 'ringg-api-key':
      if (f.confidence === 'low') {
        return header
          ? vscode.l10n.t('Possibly a Ringg AI API key {0}: sent as X-API-KEY, but to a host that is not Ringg AI.', m)
          : vscode.l10n.t('Possibly a Ringg AI API key {0}, assigned to {1}: a UUID under a key name, with nothing tying it to Ringg AI.', m, f.name ?? '');
      }
      return header
        ? vscode.l10n.t('Ringg AI API key {0} sent as X-API-KEY from a file.', m)
        : vscode.l10n.t('Ringg AI API key {0} assigned to {1}.', m, f.name ?? '');
    case 'ringtonic-api-key':
      return f.name
        ? vscode.l10n.t('Ring Tonic API key {0} assigned to {1}.', m, f.name)
        : vscode.l10n.t('Ring Tonic API key {0}: a Bearer token sent to ringtonic.app.', m);
    case 'ringyo-bearer-token':
      return vscode.l10n.t('Bearer token {0} sent to Ringyo AI.', m);
    case 'client-exposed-key': {
      const site = browserCallSite(f);
      if (site === "'use client' component") {
        return vscode.l10n.t("{0} API called with a key from a 'use client' component: the request and its key run in every visitor's browser. Call it from a server route that holds the key ({1}).",
          PROVIDERS[f.provider].label, PROVIDERS[f.provider].envVar);
      }
      if (site === 'browser extension script') {
        return vscode.l10n.t("{0} API called with a key from a browser extension's script: the key ships in the extension's package, where every user can read it. Call the API from your server, which holds the key, and have the extension call your server.",
          PROVIDERS[f.provider].label);
      }
      if (site) {
        return vscode.l10n.t('{0} API called with a key from code that runs in the browser ({1}): every visitor can read the request and its key. Call it from a server route that holds the key ({2}).',
          PROVIDERS[f.provider].label, browserCodeOf(site), PROVIDERS[f.provider].envVar);
      }
      if (/ into the app$| embedded in the app$/.test(f.context)) {
        return vscode.l10n.t('{0} key read through {1}: a mobile build compiles this value into the app ({2}), so every user of the app can read the key. Call the API from your server, which holds the key, and have the app call your server.',
          PROVIDERS[f.provider].label, f.name ?? '', appBuildOf(f.context));
      }
      return vscode.l10n.t('{0} key read through {1}: build tools inline this variable into client code, so every visitor can read the key. Call the API from a server route that holds it in a server-only variable ({2}).',
        PROVIDERS[f.provider].label, f.name ?? '', PROVIDERS[f.provider].envVar);
    }
  }
}

/** Which browser code calls the API, from where the scanner says it is called (names of kinds of file, not sentences). */
function browserCodeOf(where: string): string {
  return where === 'browser entry point' ? 'createRoot / createApp().mount' : where === 'HTML page' ? 'HTML <script>'
    : where === 'Vue component' ? '.vue' : where === 'Svelte component' ? '.svelte' : where;
}

/** Which build embeds the value, from the finding's context (names, not sentences: nothing to translate). */
function appBuildOf(context: string): string {
  return context.startsWith('--dart-define') ? 'Flutter --dart-define' : context.startsWith('react-native-config') ? 'react-native-config'
    : context.startsWith('react-native-dotenv') ? 'react-native-dotenv' : 'Expo app config';
}
