// The hover under a leak diagnostic says one thing about the key: this session's verdict, else "dead" (the
// provider rejected it before), else "not checked yet"; and offers only the links that fit what it says.
import * as assert from 'node:assert';
import { Commands } from '../../src/constants';
import { verdictHoverMarkdown, type VerdictHoverFacts } from '../../src/vscode/features/leaks/verdictHover';
import { english } from './support';

const ARG = encodeURIComponent(JSON.stringify([{ uri: 'file:///w/a.py', line: 0, character: 10, rule: 'ringg-api-key' }]));
const base: VerdictHoverFacts = { providerLabel: 'Ringg AI', envVar: 'RINGG_API_KEY', masked: '…e5f6', dead: false, arg: ARG };

/** The Markdown as a reader sees its words (character references decoded). */
const words = (md: string) => md.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
/** The commands its links run. */
const commands = (md: string) => [...md.matchAll(/\]\(command:([\w.]+)\?/g)].map(m => m[1]);

describe('the leak hover says one thing', () => {
  it('a dead key (known rejected, not checked this session): the dead verdict and its fix only, never "Not checked yet"', () => {
    const md = verdictHoverMarkdown(english, { ...base, dead: true });
    const text = words(md);
    assert.match(text, /\*\*Ring Keys: Ringg AI key …e5f6\*\*/);
    assert.match(text, /\$\(pass\) \*\*Dead\*\* _\(Ringg AI rejected this key: rotated or revoked\)_/);
    assert.doesNotMatch(text, /Not checked|nothing is sent|Check whether/);
    assert.deepStrictEqual(commands(md), [Commands.moveKeyToSecretStorage]);
    assert.match(text, /\[\$\(trash\) Delete the dead key from the file \(it then reads RINGG_API_KEY from the environment\)\]/);
    assert.ok(md.includes(`command:${Commands.moveKeyToSecretStorage}?${ARG})`), 'the link carries the place of the finding');
  });

  it('a key nothing is known of: not checked yet, and the check link', () => {
    const md = verdictHoverMarkdown(english, base);
    assert.match(words(md), /Not checked yet: nothing is sent to Ringg AI until you ask\./);
    assert.doesNotMatch(words(md), /Dead/);
    assert.deepStrictEqual(commands(md), [Commands.checkFoundKey]);
  });

  it("this session's verdict is the latest word, also for a key the vault holds as dead", () => {
    const rejected = verdictHoverMarkdown(english, { ...base, dead: true, verdict: { validity: 'rejected', label: 'Revoked or rejected', when: 'checked 09:12' } });
    assert.match(words(rejected), /\$\(pass\) \*\*Revoked or rejected\*\* _\(checked 09:12\)_/);
    assert.doesNotMatch(words(rejected), /Dead|Not checked/);
    assert.deepStrictEqual(commands(rejected), [Commands.checkFoundKey]);
    const live = verdictHoverMarkdown(english, { ...base, verdict: { validity: 'live', label: 'Live', when: 'checked 09:13' }, rotate: 'rotate' });
    assert.match(words(live), /\$\(warning\) \*\*Live\*\* _\(checked 09:13\)_/);
    assert.match(words(live), /Check again whether this key works.*Rotate this leaked key/);
    assert.deepStrictEqual(commands(live), [Commands.checkFoundKey, Commands.rotateFoundKey]);
  });
});
