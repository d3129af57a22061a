// The question the "Move to SecretStorage" fix asks when the provider already has another active key.
import * as vscode from 'vscode';
import { PROVIDERS } from '../../../core/providers/catalog';
import { askModal } from '../../ui/dialogs';
import type { AskMakeActive } from './storeFound';

export const askMakeMovedKeyActive: AskMakeActive = async ({ provider, moved, active }) => {
  const envVar = PROVIDERS[provider].envVar;
  const use = vscode.l10n.t('Make "{0}" Active', moved.name);
  const keep = vscode.l10n.t('Keep "{0}"', active.name);
  const answer = await askModal('warning',
    vscode.l10n.t('The code will read {0}. Make the moved key "{1}" {2} the active {3} key?', envVar, moved.name, moved.tail, PROVIDERS[provider].label),
    vscode.l10n.t('"{0}" {1} is active now: with it, programs you start get that key instead of the one the code held. Choosing it also changes what other terminals, tasks and debug sessions get.', active.name, active.tail),
    use, keep);
  return answer === use;
};
