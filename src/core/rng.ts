/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna 2018), seeded through SplitMix32
 * so that any 32-bit seed gives a well-mixed state. The same seed gives the same stream on every
 * platform (only 32-bit integer ops via Math.imul), which the twin's bit-for-bit determinism
 * rests on. `fork(stream)` derives an independent generator per purpose (per chip, per model)
 * so that adding draws in one model does not shift another's stream.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly seed: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`Rng seed must be a finite number, got ${seed}`);
    // Fold a float seed (up to 2^53) into 32 bits without losing the high part.
    this.seed = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296)) >>> 0;
    const st = { s: this.seed };
    this.a = splitmix32(st); this.b = splitmix32(st); this.c = splitmix32(st); this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Standard normal by Box–Muller (no cached second value, so the stream stays simple to fork). */
  normal(mean = 0, sd = 1): number {
    let u = this.uniform();
    while (u <= 0) u = this.uniform();
    const v = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given rate [1/unit]; returns +Infinity for rate 0. */
  exponential(rate: number): number {
    if (rate <= 0) return Infinity;
    return -Math.log(1 - this.uniform()) / rate;
  }

  /**
   * Poisson-distributed count with mean `lambda`. Knuth's product method below 30; above,
   * Hörmann's PTRS transformed rejection (1993), exact and O(1).
   */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda < 30) {
      const L = Math.exp(-lambda);
      let k = 0, p = 1;
      do { k++; p *= this.uniform(); } while (p > L);
      return k - 1;
    }
    const slam = Math.sqrt(lambda), loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const U = this.uniform() - 0.5;
      const V = this.uniform();
      const us = 0.5 - Math.abs(U);
      const k = Math.floor((2 * a / us + b) * U + lambda + 0.43);
      if (us >= 0.07 && V <= vr) return k;
      if (k < 0 || (us < 0.013 && V > us)) continue;
      if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
    }
  }

  /** An independent generator for a named purpose or index, derived from this one's seed. */
  fork(stream: number | string): Rng {
    let h = typeof stream === 'number' ? stream >>> 0 : hashString(stream);
    h = Math.imul(h ^ 0x5bd1e995, 0x27d4eb2d) ^ this.seed;
    return new Rng(h >>> 0);
  }
}

/** FNV-1a 32-bit hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** ln(k!) via Stirling's series beyond a small table (error < 1e-10 for k ≥ 10). */
export function logFactorial(k: number): number {
  if (k < 10) {
    let f = 1;
    for (let i = 2; i <= k; i++) f *= i;
    return Math.log(f);
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
