// The extension's words (messages.ts) bound to vscode.l10n and the display language, for callers that have
// VS Code at hand.
import * as vscode from 'vscode';
import { describeError, type ErrorAdvice } from '../../core/http/errors';
import type { KeyFormatError, KeyFormatWarning } from '../../core/keys';
import {
  type InfoFact, type OutcomeFacts, outcomeFacts, type VerifyNote, type VerifyOutcome, type VerifySummary,
} from '../../core/providers/clients';
import { formatCredits } from '../../core/credits';
import * as m from '../../words/messages';

/** Credits in the display language's number format. */
export function credits(n: number | undefined): string {
  return formatCredits(n, vscode.env.language);
}

/** An error's message and fix; `provider` is the provider's label. */
export function errorWords(err: unknown, provider?: string): { message: string; fix: string; reenter: boolean } {
  const advice: ErrorAdvice = describeError(err, provider);
  return { ...m.errorText(vscode.l10n, advice), reenter: advice.reenter };
}

export const keyFormatWords = (code: KeyFormatError | KeyFormatWarning): string => m.keyFormatText(vscode.l10n, code);
export const summaryWords = (s: VerifySummary): string => m.verifySummaryText(vscode.l10n, s, vscode.env.language);
export const noteWords = (n: VerifyNote): string => m.verifyNoteText(vscode.l10n, n);
/** What a check said in one line; `provider` is the provider's label. */
export const outcomeWords = (o: VerifyOutcome, provider?: string): string => storedOutcomeWords(outcomeFacts(o, provider));
/** What a check said, as a profile recorded it. */
export const storedOutcomeWords = (o: OutcomeFacts): string => m.outcomeText(vscode.l10n, o, vscode.env.language);
export const unverifiableWords = (): string => m.unverifiableText(vscode.l10n);
export const factWords = (f: InfoFact): [string, string] => m.factText(vscode.l10n, f, vscode.env.language);
