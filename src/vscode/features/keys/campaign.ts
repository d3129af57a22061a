// "Set Campaign…" for a Ring Tonic key: says where the campaign id is (the campaign's address in the Ring
// Tonic dashboard), takes the UUID or the whole address, and checks with Ring Tonic that the key can read
// that campaign before it is saved. A campaign Ring Tonic does not know is refused in the box itself.
import * as vscode from 'vscode';
import { campaignIdFrom } from '../../../core/providers/campaign';
import type { KeyProfile } from '../../../core/vault';
import type { Services } from '../../services';
import { errorMessage } from '../../../core/errorMessage';

export function askCampaignId(services: Services, profile: KeyProfile): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Ring Tonic campaign for verifying "{0}"', profile.name);
  box.prompt = vscode.l10n.t('Open the campaign in the Ring Tonic dashboard: its id is the UUID in the page\'s address. Paste the UUID or the whole address.');
  box.placeholder = 'https://ringtonic.app/…/campaigns/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';
  box.ignoreFocusOut = true;
  box.value = profile.campaignId ?? '';
  const notAnId = vscode.l10n.t('No campaign UUID in this: paste the id (xxxxxxxx-xxxx-…) or the campaign\'s address from the Ring Tonic dashboard.');
  return new Promise(resolve => {
    let done = false;
    const finish = (id: string | undefined) => { if (!done) { done = true; resolve(id); box.dispose(); } };
    box.onDidChangeValue(v => {
      box.validationMessage = v.trim() && !campaignIdFrom(v) ? { message: notAnId, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
    });
    box.onDidAccept(async () => {
      const id = campaignIdFrom(box.value);
      if (!id) { box.validationMessage = { message: notAnId, severity: vscode.InputBoxValidationSeverity.Error }; return; }
      box.busy = true;
      box.enabled = false;
      const found = await campaignExists(services, profile, id);
      box.busy = false;
      box.enabled = true;
      if (found === false) {
        box.validationMessage = { message: vscode.l10n.t('Ring Tonic has no campaign {0} for this key (404). Check the id in the campaign\'s address.', id), severity: vscode.InputBoxValidationSeverity.Error };
        return;
      }
      finish(id);   // found, or not checkable now (the verification that follows says why)
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** true: the key reads the campaign; false: Ring Tonic answers 404; undefined: it could not be told (the verification reports it). */
async function campaignExists(services: Services, profile: KeyProfile, id: string): Promise<boolean | undefined> {
  try {
    const key = await services.vault.getKey(profile.id);
    const res = await services.clients.call('ringtonic', key, 'GET', `/campaigns/${encodeURIComponent(id)}/geo-data`);
    return res.status === 404 ? false : res.status >= 200 && res.status < 300 ? true : undefined;
  } catch (err) {
    services.logger.info(`[keys] campaign ${id} not checked: ${errorMessage(err)}`);
    return undefined;
  }
}
