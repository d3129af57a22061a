// The words for what the core reports as data: every code has a rendering in the CLI (English) and in the
// extension (through l10n.t, with every message in the l10n bundle), and a pseudo-localised bundle leaves no
// English word of ours in what the extension shows. The samples are typed so that a new code that is not
// added here fails to compile.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as cli from '../../src/cli/messages';
import type {
  ErrorAdvice, ErrorFacts, KeyMissingReason, MalformedReason, NetworkReason, OriginReason, RedirectReason, SecretStorageReason,
  TimeoutReason, TooLargeReason,
} from '../../src/core/http/errors';
import { KEY_FORMAT_ERRORS, KEY_FORMAT_WARNINGS, type KeyFormatError, type KeyFormatWarning } from '../../src/core/keys';
import type { InfoFact, OutcomeFacts, RingyoPlan, VerifyNote, VerifySummary } from '../../src/core/providers/clients';
import { ENDPOINTS } from '../../src/core/tester/catalog';
import { MEANING_ROWS, RINGYO_ERROR_CODES, type StatusMeaning } from '../../src/core/tester/present';
import type { FormProblem, Gate } from '../../src/core/tester/request';
import * as tester from '../../src/vscode/features/tester/words';
import * as ext from '../../src/words/messages';
import { english } from './support';

const ROOT = path.resolve(__dirname, '../../..');
const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;

// ---------------------------------------------------------------- every code, once (typed: none can be left out)
type ByCode<T extends { code: string }> = { [C in T['code']]: T & { code: C } };
const network: ByCode<NetworkReason> = { cancelled: { code: 'cancelled', where: 'GET https://api.ringg.ai/x' }, failed: { code: 'failed', where: 'GET https://api.ringg.ai/x', cause: 'ECONNRESET', dropped: true } };
const timeout: ByCode<TimeoutReason> = {
  attempt: { code: 'attempt', where: 'GET https://h/x', seconds: 30 }, connect: { code: 'connect', where: 'GET https://h/x', seconds: 10 },
  headers: { code: 'headers', where: 'GET https://h/x', seconds: 30 }, body: { code: 'body', where: 'GET https://h/x', seconds: 30 },
};
const tooLarge: ByCode<TooLargeReason> = { tooLarge: { code: 'tooLarge', kib: 5120 } };
const malformed: ByCode<MalformedReason> = {
  notJson: { code: 'notJson', contentType: 'text/html', bytes: 12, snippet: '<html>' }, noWorkspaceInfo: { code: 'noWorkspaceInfo' },
  noNewKey: { code: 'noNewKey', contentType: 'text/plain', bytes: 2 },
};
const redirect: ByCode<RedirectReason> = { otherHost: { code: 'otherHost', host: 'evil.example' }, tooMany: { code: 'tooMany', max: 3 }, noLocation: { code: 'noLocation', status: 302 } };
const origin: ByCode<OriginReason> = {
  notUrl: { code: 'notUrl', value: 'nope' }, credentials: { code: 'credentials' },
  notHttps: { code: 'notHttps', provider: 'Ringg AI', origin: 'http://h' }, notDomain: { code: 'notDomain', provider: 'Ringg AI', domain: 'ringg.ai', host: 'evil.example' },
};
const secretStorage: ByCode<SecretStorageReason> = { failed: { code: 'failed', op: 'store', detail: 'locked' }, keyring: { code: 'keyring', detail: 'no keyring' } };
const keyMissing: ByCode<KeyMissingReason> = { noSecret: { code: 'noSecret', profile: 'Main' }, noProfile: { code: 'noProfile' } };
const text = { code: 'text', text: 'outside words' } as const;

const ERRORS: { [K in ErrorFacts['kind']]: Array<Extract<ErrorFacts, { kind: K }>> } = {
  unexpected: [{ kind: 'unexpected', detail: 'boom' }],
  keyRejected: [{ kind: 'keyRejected' }],
  forbidden: [{ kind: 'forbidden' }],
  rateLimited: [{ kind: 'rateLimited' }, { kind: 'rateLimited', retryAfterS: 12 }],
  providerError: [{ kind: 'providerError', status: 503 }, { kind: 'providerError' }],
  requestError: [{ kind: 'requestError', status: 404, detail: 'not found' }],
  network: [...Object.values(network), text].map(reason => ({ kind: 'network', reason })),
  timeout: [...Object.values(timeout), text].map(reason => ({ kind: 'timeout', reason })),
  tooLarge: [...Object.values(tooLarge), text].map(reason => ({ kind: 'tooLarge', reason })),
  malformed: [...Object.values(malformed), text].map(reason => ({ kind: 'malformed', reason })),
  redirectBlocked: [...Object.values(redirect), text].map(reason => ({ kind: 'redirectBlocked', reason })),
  originNotAllowed: [...Object.values(origin), text].map(reason => ({ kind: 'originNotAllowed', reason })),
  secretStorage: [...Object.values(secretStorage), { code: 'failed', op: 'read', detail: 'x' } as const, { code: 'failed', op: 'delete', detail: 'x' } as const, text]
    .map(reason => ({ kind: 'secretStorage', reason } as const)),
  keyMissing: [...Object.values(keyMissing), text].map(reason => ({ kind: 'keyMissing', reason })),
};
const ADVICE: ErrorAdvice[] = Object.values(ERRORS).flat().flatMap(f => [{ ...f, provider: 'Ringg AI', reenter: false }, { ...f, reenter: false }]);

const SUMMARIES: { [K in VerifySummary['kind']]: Array<Extract<VerifySummary, { kind: K }>> } = {
  workspace: [{ kind: 'workspace', name: 'Sandbox Workspace', available: 2897.5 }, { kind: 'workspace', name: 'W' }],
  ringyo: (['agents', 'calls', 'phoneNumbers'] as const).flatMap(listed => [
    { kind: 'ringyo', mode: 'test', total: 3, listed, perMinute: 60 } as const, { kind: 'ringyo', mode: 'live', listed } as const]),
  accepted: [{ kind: 'accepted', geoData: true }, { kind: 'accepted', geoData: false }],
};
const NOTES: { [K in VerifyNote['kind']]: Extract<VerifyNote, { kind: K }> } = {
  fallback: { kind: 'fallback', denied: '/agents', via: '/calls' }, campaignNotFound: { kind: 'campaignNotFound', campaign: '5f0c8a4e' },
};
const PLANS: Record<RingyoPlan, true> = { pro60: true, pro300OrAgency300: true, agency1000: true, unknown: true, notReported: true };
const OUTCOMES: { [S in OutcomeFacts['state']]: OutcomeFacts } = {
  valid: { state: 'valid', summary: SUMMARIES.accepted[0] }, unverifiable: { state: 'unverifiable', reason: 'noCampaign' },
  rejected: { state: 'rejected', error: { kind: 'keyRejected', reenter: true } }, forbidden: { state: 'forbidden', error: { kind: 'forbidden', reenter: false } },
  undetermined: { state: 'undetermined', error: { kind: 'timeout', reason: timeout.attempt, reenter: false } },
};
const FACTS: { [L in InfoFact['label']]: Array<InfoFact & { label: L }> } = {
  workspace: [{ label: 'workspace', value: 'W' }], workspaceId: [{ label: 'workspaceId', value: 'id' }], created: [{ label: 'created' }],
  role: [{ label: 'role', value: 'Owner' }], credits: [{ label: 'credits', credits: 10 }], lockedCredits: [{ label: 'lockedCredits' }],
  available: [{ label: 'available', credits: 1234.5 }], mode: [{ label: 'mode', mode: 'test' }, { label: 'mode', mode: 'live' }],
  agents: [{ label: 'agents', count: 3 }], remaining: [{ label: 'remaining' }], rateLimit: [{ label: 'rateLimit', perMinute: 60 }, { label: 'rateLimit' }],
  resets: [{ label: 'resets', at: 0 }], plan: (Object.keys(PLANS) as RingyoPlan[]).map(plan => ({ label: 'plan', plan })),
  status: Object.values(OUTCOMES).map(outcome => ({ label: 'status', outcome })), campaign: [{ label: 'campaign', campaign: 'c' }, { label: 'campaign' }],
  noAccountEndpoint: [{ label: 'noAccountEndpoint' }],
};
const KEY_FORMAT: Record<KeyFormatError | KeyFormatWarning, true> = {
  empty: true, whitespace: true, ringgNotUuid: true, ringyoPrefix: true, ringtonicTooShort: true, ringgNotV4: true, ringyoTestKey: true,
};
const key = { name: 'prod', tail: '…abcd' };
const GATES: Array<Exclude<Gate, { kind: 'send' }>> = [
  { kind: 'testKey', provider: 'Ringyo AI', key },
  ...[true, false].flatMap(test => [true, false].flatMap(noTestKeys => (['spends', 'irreversible'] as const).flatMap(risk => [undefined, 'places a real call and spends credits'].map(effect =>
    ({ kind: 'confirm', what: 'POST /calls', provider: 'Ringyo AI', key, risk, effect, test, noTestKeys } as const))))),
  { kind: 'refuse', what: 'PATCH /workspace/api-key', command: 'rotateKey' }, { kind: 'refuse', what: 'PATCH /workspace/api-key', effect: 'rotates the key', command: 'rotateKey' },
];
const FORM: { [C in FormProblem['code']]: Extract<FormProblem, { code: C }> } = {
  unknownEndpoint: { code: 'unknownEndpoint', endpointId: 'x' }, noKey: { code: 'noKey', provider: 'Ringg AI' },
  wrongProvider: { code: 'wrongProvider', profile: 'p', keyProvider: 'Ringyo AI', endpoint: 'GET /workspace', endpointProvider: 'Ringg AI' },
  missingPathParam: { code: 'missingPathParam', name: 'agent_id' }, dotPathParam: { code: 'dotPathParam', name: 'id', value: '..' },
  missingQueryParam: { code: 'missingQueryParam', name: 'id' }, bodyNotAllowed: { code: 'bodyNotAllowed', method: 'GET' }, badJson: { code: 'badJson', detail: 'Unexpected end' },
};
const MEANINGS: StatusMeaning[] = [
  ...Object.values(MEANING_ROWS).flatMap((rows, i) => rows.map(r => ({ reason: 'X', row: `${Object.keys(MEANING_ROWS)[i]}.${r}` } as StatusMeaning))),
  ...RINGYO_ERROR_CODES.map(ringyoCode => ({ reason: 'Bad Request', row: 'ringyo.400', ringyoCode } as const)),
  ...(['created', 'noContent', 'success', 'serverError', 'refused', 'redirect'] as const).map(generic => ({ reason: 'X', generic, noTable: true })),
];

/** Everything the extension renders from the samples, with `l10n` as given. */
function renderAll(l10n: ext.L10n): string[] {
  const out: string[] = [];
  for (const a of ADVICE) { const { message, fix } = ext.errorText(l10n, a); out.push(message, fix); }
  for (const s of Object.values(SUMMARIES).flat()) { out.push(ext.verifySummaryText(l10n, s, 'en-US')); }
  for (const n of Object.values(NOTES)) { out.push(ext.verifyNoteText(l10n, n)); }
  for (const o of Object.values(OUTCOMES)) { out.push(ext.outcomeText(l10n, o, 'en-US')); }
  for (const f of Object.values(FACTS).flat()) { out.push(...ext.factText(l10n, f, 'en-US')); }
  for (const c of Object.keys(KEY_FORMAT) as Array<KeyFormatError | KeyFormatWarning>) { out.push(ext.keyFormatText(l10n, c)); }
  for (const g of GATES) {
    if (g.kind === 'testKey') { out.push(tester.testKeyNoteText(l10n, g)); }
    if (g.kind === 'confirm') { const c = tester.confirmText(l10n, g); out.push(c.message, c.detail); }
    if (g.kind === 'refuse') { const r = tester.refuseText(l10n, g); out.push(r.message, r.detail); }
  }
  for (const p of Object.values(FORM)) { out.push(tester.formProblemText(l10n, p)); }
  for (const m of MEANINGS) { const r = tester.statusMeaningText(l10n, m); out.push(r.meaning, ...(r.fix ? [r.fix] : [])); }
  return out;
}

describe('words for the core\'s codes', () => {
  it('the CLI words every error kind and reason, key-format code, verify summary and note, in English', () => {
    for (const a of ADVICE) {
      const { message, fix } = cli.errorText(a);
      assert.match(message, /[a-z]{3}/, JSON.stringify(a));
      assert.match(fix, /[a-z]{3}/, JSON.stringify(a));
      assert.ok(!/undefined|\[object|\{\d+\}/.test(message + fix), `${message} ${fix}`);
    }
    for (const c of [...KEY_FORMAT_ERRORS, ...KEY_FORMAT_WARNINGS]) { assert.match(cli.keyFormatText(c), /[a-z]{3}/); }
    assert.deepStrictEqual([...KEY_FORMAT_ERRORS, ...KEY_FORMAT_WARNINGS].sort(), Object.keys(KEY_FORMAT).sort(), 'the lists name every code');
    for (const s of Object.values(SUMMARIES).flat()) { assert.ok(!/undefined|\{\d+\}/.test(cli.verifySummaryText(s)), cli.verifySummaryText(s)); }
    for (const n of Object.values(NOTES)) { assert.match(cli.verifyNoteText(n), /[a-z]{3}/); }
    assert.strictEqual(cli.verifySummaryText(SUMMARIES.workspace[0]), 'Sandbox Workspace: 2,897.5 credits available', 'the CLI writes numbers the same on every machine');
  });

  it('the extension words every code through l10n.t, each message in l10n/bundle.l10n.json', () => {
    const used = new Set<string>();
    const recording: ext.L10n = { t: ((message: string, ...args: unknown[]) => { used.add(message); return english.t(message, ...args as string[]); }) as ext.L10n['t'] };
    const shown = renderAll(recording);
    assert.ok(shown.every(s => s.length > 0 && !/undefined|\[object|\{\d+\}/.test(s)), shown.find(s => !s || /undefined|\[object|\{\d+\}/.test(s)));
    const missing = [...used].filter(m => !(m in bundle));
    assert.deepStrictEqual(missing, [], 'run `npm run l10n`');
    assert.ok(used.size > 150, `${used.size} messages`);
  });

  it('the CLI writes the extension\'s words in English (one wording), naming its own --timeout where time ran out', () => {
    for (const a of ADVICE) {
      if (a.kind === 'timeout') {
        assert.strictEqual(cli.errorText(a).message, ext.errorText(english, a).message);
        assert.match(cli.errorText(a).fix, /--timeout/);
      } else {
        assert.deepStrictEqual(cli.errorText(a), ext.errorText(english, a));
      }
    }
    for (const c of Object.keys(KEY_FORMAT) as Array<KeyFormatError | KeyFormatWarning>) { assert.strictEqual(ext.keyFormatText(english, c), cli.keyFormatText(c)); }
    for (const n of Object.values(NOTES)) { assert.strictEqual(ext.verifyNoteText(english, n), cli.verifyNoteText(n)); }
  });

  it('with a pseudo-localised bundle no English word of ours is left, only the data put into the sentences', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pseudo } = require(path.join(ROOT, 'tools', 'pseudo-l10n.cjs')) as { pseudo: (m: string) => string };
    const fake: ext.L10n = { t: ((message: string, ...args: unknown[]) => english.t(pseudo(message), ...args as string[])) as ext.L10n['t'] };
    // the samples' data (names, hosts, paths, codes, server words) is not ours to translate: taken out first
    const data = /Ringg AI|Ringyo AI|Sandbox Workspace|Owner|outside words|not found|Unexpected end|boom|locked|no keyring|places a real call|rotates the key|evil\.example|ringg\.ai|https?:\/\/\S+|GET|POST|PATCH|\/[\w/-]+|ECONNRESET|text\/\w+|<html>|Main|prod|agent_id|[\w]+_[\w_]+|\b\d\w*|…abcd|nope|\b[xcpW]\b|5f0c8a4e|X|Bad Request|en-US|ringKeys\.[\w.]+|--[\w-]+=\w+|\bid\b|unauthorized/g;
    const leftovers = renderAll(fake).map(s => s.replace(data, '')).filter(s => /[A-Za-z]{2,}/.test(s));
    assert.deepStrictEqual(leftovers, []);
  });

  it('the Request Tester\'s catalogue (summaries, notes, effects, parameter words) goes through l10n.t and is in the bundle', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pseudo } = require(path.join(ROOT, 'tools', 'pseudo-l10n.cjs')) as { pseudo: (m: string) => string };
    const used = new Set<string>();
    const fake: ext.L10n = { t: ((message: string) => { used.add(message); return pseudo(message); }) as ext.L10n['t'] };
    for (const e of ENDPOINTS) {
      const shown = tester.localisedEndpoint(fake, e);
      const words = [shown.summary, shown.note, shown.effect ?? '', ...shown.params.flatMap(p => [p.description ?? '', p.placeholder ?? ''])]
        .map(w => w.replace(/⟦[^⟧]*⟧/g, ''));
      assert.deepStrictEqual(words.filter(w => /[A-Za-z]{2,}/.test(w)), [], e.id);
      assert.strictEqual(shown.path, e.path, 'paths and parameter names are not translated');
    }
    assert.deepStrictEqual([...used].filter(m => !(m in bundle)), [], 'run `npm run l10n`');
    assert.ok(used.size > 80, `${used.size} catalogue strings`);
  });
});
