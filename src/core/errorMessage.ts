// The one way a caught value becomes text: an Error's message, anything else (a thrown string, a rejected
// promise's reason) as it prints. Callers redact and localise; this only reads.
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
