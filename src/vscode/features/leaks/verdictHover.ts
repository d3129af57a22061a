// The hover under a leak diagnostic: what Ring Keys knows about the key there, said once, and the links that
// act on it. No `vscode` import at run time (the words come in through `l10n`), so the unit tests read it.
//   checked:   the live check's verdict and when, "Check again", and rotate/replace when it applies
//   dead:      the key's provider rejected it before (the vault remembers it): the dead verdict and its fix only
//   unchecked: "Not checked yet" and "Check whether this key works"
import { Commands } from '../../../constants';
import type { Validity } from '../../../core/liveCheck';
import { markdownText } from '../../ui/markdown';
// Type only, so that `npm run l10n` (which reads the `l10n.t` calls of a file that imports it) extracts the
// strings below; at run time `l10n` is vscode.l10n (index.ts) or a test's English.
import type { l10n } from 'vscode';

type L10n = Pick<typeof l10n, 't'>;

export interface VerdictHoverFacts {
  readonly providerLabel: string;
  /** The provider's variable the code reads once the dead key is deleted (e.g. RINGG_API_KEY). */
  readonly envVar: string;
  readonly masked: string;
  /** A live check's verdict in this session: its validity, its words and when it was learnt. */
  readonly verdict?: { readonly validity: Validity; readonly label: string; readonly when: string };
  /** The provider rejected this key before (rotated away or revoked). */
  readonly dead: boolean;
  /** The rotate (Ringg) or replace (others) link, when that flow applies to the verdict. */
  readonly rotate?: 'rotate' | 'replace';
  /** The links' argument, already encoded: the finding's place, never the key. */
  readonly arg: string;
}

/** The commands the hover's links run (the MarkdownString trusts these only). */
export const HOVER_COMMANDS: readonly string[] = [Commands.checkFoundKey, Commands.rotateFoundKey, Commands.moveKeyToSecretStorage];

/** The hover's Markdown. A verdict of this session is the latest word; else the vault's "dead"; else nothing known yet. */
export function verdictHoverMarkdown(l10n: L10n, f: VerdictHoverFacts): string {
  const link = (icon: string, title: string, command: string) => `[$(${icon}) ${markdownText(title)}](command:${command}?${f.arg})`;
  const parts = [`**${markdownText(l10n.t('Ring Keys: {0} key {1}', f.providerLabel, f.masked))}**`];
  const links: string[] = [];
  if (f.verdict) {
    // the diagnostic's message above says what the verdict means; this says when it was learnt
    const icon = f.verdict.validity === 'live' ? '$(warning)' : f.verdict.validity === 'rejected' ? '$(pass)' : '$(question)';
    parts.push(`${icon} **${markdownText(f.verdict.label)}** _(${markdownText(f.verdict.when)})_`);
    links.push(link('pulse', l10n.t('Check again whether this key works'), Commands.checkFoundKey));
    if (f.rotate) {
      links.push(link('key', f.rotate === 'rotate' ? l10n.t('Rotate this leaked key') : l10n.t('Replace this leaked key'), Commands.rotateFoundKey));
    }
  } else if (f.dead) {
    // known dead: nothing to check, one thing to do (the diagnostic above says the same)
    parts.push(`$(pass) **${markdownText(l10n.t('Dead'))}** _(${markdownText(l10n.t('{0} rejected this key: rotated or revoked', f.providerLabel))})_`);
    links.push(link('trash', l10n.t('Delete the dead key from the file (it then reads {0} from the environment)', f.envVar), Commands.moveKeyToSecretStorage));
  } else {
    parts.push(markdownText(l10n.t('Not checked yet: nothing is sent to {0} until you ask.', f.providerLabel)));
    links.push(link('pulse', l10n.t('Check whether this key works'), Commands.checkFoundKey));
  }
  parts.push(links.join(' · '));
  return parts.join('\n\n');
}
