// The Request Tester's history: the last 50 requests, newest first, kept in extension state (never in
// settings or a file). Entries hold the profile's name and masked tail, never the key; path, query values
// and bodies go through the redactor (known keys, api_key/secret/token fields, Bearer tokens). No `vscode` import.
import { randomUUID } from 'node:crypto';
import type { Redactor } from '../http/redact';
import type { StateStore } from '../vault';
import { type FormState, type HistoryEntry, isFormState } from './protocol';

export const HISTORY_LIMIT = 50;
/** A body longer than this is cut in history (the entry can still be loaded and edited). */
export const HISTORY_BODY_CHARS = 8 * 1024;
const STATE_KEY = 'ringKeys.tester.history';

/** A form with every value and the body redacted; JSON bodies are redacted field by field. */
export function redactForm(form: FormState, redactor: Redactor): FormState {
  const map = (m: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, redactor.text(v)]));
  let body = form.body;
  if (body !== undefined) {
    try {
      body = JSON.stringify(redactor.json(JSON.parse(body)), null, 2);
    } catch {
      body = redactor.text(body);
    }
    if (body.length > HISTORY_BODY_CHARS) { body = `${body.slice(0, HISTORY_BODY_CHARS)}\n… (cut at ${HISTORY_BODY_CHARS} characters in history)`; }
  }
  return { provider: form.provider, profileId: form.profileId, endpointId: form.endpointId, path: map(form.path), query: map(form.query), body };
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'>;

export class RequestHistory {
  constructor(
    private readonly store: StateStore,
    private readonly redactor: Redactor,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Newest first. Entries that do not have the expected shape (an older version's) are skipped. */
  list(): HistoryEntry[] {
    const raw = this.store.get<unknown[]>(STATE_KEY);
    return Array.isArray(raw) ? raw.filter((e): e is HistoryEntry => !!e && typeof e === 'object' && isFormState((e as HistoryEntry).form)) : [];
  }

  get(id: string): HistoryEntry | undefined {
    return this.list().find(e => e.id === id);
  }

  async add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    const r = this.redactor;
    const stored: HistoryEntry = {
      ...entry,
      id: this.newId(),
      at: this.now(),
      profileLabel: r.text(entry.profileLabel),
      path: r.text(entry.path),
      form: redactForm(entry.form, r),
      ...(entry.error !== undefined ? { error: r.text(entry.error) } : {}),
    };
    await this.store.update(STATE_KEY, [stored, ...this.list()].slice(0, HISTORY_LIMIT));
    return stored;
  }

  async clear(): Promise<void> {
    await this.store.update(STATE_KEY, []);
  }
}
