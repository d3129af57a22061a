// The name Add Key proposes, chosen once the key is known: a Ringyo rg_test_/vb_test_ key is never offered
// "Production (live)". Unique among the provider's keys ("Dev (test) 2" when "Dev (test)" exists).
import * as vscode from 'vscode';
import { keyMode } from '../../../core/keys';
import type { ProviderId } from '../../../core/providers/catalog';

export function proposedKeyName(provider: ProviderId, key: string, taken: (name: string) => boolean): string {
  const base = provider === 'ringg' ? vscode.l10n.t('Workspace key')
    : provider === 'ringyo' ? (keyMode(provider, key) === 'test' ? vscode.l10n.t('Dev (test)') : vscode.l10n.t('Production (live)'))
      : vscode.l10n.t('Main');
  if (!taken(base)) { return base; }
  for (let n = 2; ; n++) { if (!taken(`${base} ${n}`)) { return `${base} ${n}`; } }
}
