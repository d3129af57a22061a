import * as vscode from 'vscode';
import { KeyMissingError } from '../../../core/http/errors';
import { keyFingerprint } from '../../../core/keys';
import type { VerifyOutcome } from '../../../core/providers/clients';
import type { Services } from '../../services';
import { verifyStoredKey } from './keyHandlers';

export interface VerificationEvent {
  readonly profileId: string;
  /** undefined while the check runs */
  readonly outcome?: VerifyOutcome;
}

/**
 * Verifies stored keys and records the outcome on the profile. Concurrent requests for the same key
 * share one check, so the status bar, a command and another window's change never double the traffic.
 */
export class Verifier implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<VerificationEvent>();
  readonly onDidChange = this.emitter.event;
  private readonly inFlight = new Map<string, Promise<VerifyOutcome>>();

  constructor(private readonly services: Services) {}

  isVerifying(profileId: string): boolean { return this.inFlight.has(profileId); }

  verify(profileId: string): Promise<VerifyOutcome> {
    const running = this.inFlight.get(profileId);
    if (running) { return running; }
    const p = this.run(profileId).finally(() => this.inFlight.delete(profileId));
    this.inFlight.set(profileId, p);
    return p;
  }

  /** The key's fingerprint as stored now (to tell whether another window replaced it). */
  async fingerprint(profileId: string): Promise<string | undefined> {
    try { return keyFingerprint(await this.services.vault.getKey(profileId)); } catch { return undefined; }
  }

  private async run(profileId: string): Promise<VerifyOutcome> {
    const profile = this.services.vault.get(profileId);
    if (!profile) {
      // removed meanwhile (here or in another window): nothing to record, nothing to show
      return { state: 'undetermined', error: new KeyMissingError('That key profile no longer exists.', { code: 'noProfile' }) };
    }
    this.emitter.fire({ profileId });
    const outcome = await verifyStoredKey(this.services, profile);
    this.emitter.fire({ profileId, outcome });
    return outcome;
  }

  dispose(): void { this.emitter.dispose(); }
}
