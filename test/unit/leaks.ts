// Shared by the unit and VS Code tiers: a check for a key in output that does not use the redactor it checks.

/**
 * An independent check (not the redactor under test): does `text` hold any run of 8 characters of `key`,
 * in any letter case, plain or %-encoded?
 */
export function leaks(text: string, key: string): string | undefined {
  const decoded = text.replace(/%25([0-9a-f]{2})/gi, '%$1').replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))).toLowerCase();
  const k = key.toLowerCase();
  const secretFrom = /^(?:(?:rg|vb)_(?:live|test)_|rt_)/.exec(k)?.[0].length ?? 0;
  for (let i = 0; i + 8 <= k.length; i++) {
    if (i + 8 <= secretFrom) { continue; }
    const run = k.slice(i, i + 8);
    if (decoded.includes(run)) { return run; }
  }
  return undefined;
}
