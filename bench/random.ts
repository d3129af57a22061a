// One deterministic generator for the benchmarks' corpora (xorshift32): the same seed, the same files.
export const HEX = '0123456789abcdef';
export const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface Random {
  /** A number in [0, 1). */
  readonly rnd: () => number;
  readonly pick: <T>(a: readonly T[]) => T;
  /** n characters drawn from `set`. */
  readonly chars: (set: string, n: number) => string;
  /** A version-4 UUID, lower case. */
  readonly uuid: () => string;
  /** Starts the sequence again from `seed`. */
  readonly reseed: (seed: number) => void;
}

export function random(initial: number): Random {
  let seed = initial;
  const rnd = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) / 4294967296; };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const chars = (set: string, n: number) => { let s = ''; for (let i = 0; i < n; i++) { s += set[Math.floor(rnd() * set.length)]; } return s; };
  const uuid = () => `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-${pick(['8', '9', 'a', 'b'])}${chars(HEX, 3)}-${chars(HEX, 12)}`;
  return { rnd, pick, chars, uuid, reseed: s => { seed = s; } };
}
