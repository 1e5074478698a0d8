/**
 * Faults that hit the chips running jobs, and what each does to a job. No repairs in orbit.
 *
 * Hardware failures: a per-chip rate calibrated to Llama 3 (Meta 2024, REFERENCES.md): 16,384
 * H100 GPUs over 54 days had 419 unexpected interruptions, of which faulty GPUs 148 and HBM3 72
 * are the chip itself (permanent: the chip is lost unless the satellite carries a spare), and the
 * rest (software 54, network 35, other 110) are transient (the job restarts from its checkpoint
 * on the same chips). Rates per chip-second: permanent 220 / (16,384 × 54 d), transient 199 / (…):
 * together one interruption per 5.8 chip-years. Failures hit powered chips only (alive, on a
 * satellite that is up); an idle powered chip can fail too (it is then simply lost).
 *
 * Drawn by thinning (Lewis & Shedler 1979): candidate events at rate λ × all chip rows, each
 * lands on a uniformly drawn row and is kept only if that chip is powered: exact per-chip rate λ
 * whatever the fleet's state, O(1) per event, no draw per chip per step.
 *
 * Radiation: ChipRadiation (src/spacecraft/radiation-effects.ts) event codes map to actions:
 * SDC detected (probability `sdcDetection`) → roll back to the last checkpoint, undetected → only
 * counted; HBM uncorrectable, accelerator crash, host CPU crash, host RAM error → restart from
 * checkpoint; dose-limit crossings → counted (flags, not failures, as that module says).
 */
import { Rng } from '../core/rng.js';
import { S_PER_DAY } from '../core/units.js';
import { RadEvent } from '../spacecraft/radiation-effects.js';

/** The Llama 3 failure figures (Meta, "The Llama 3 Herd of Models", 2024). */
export const LLAMA3_FAILURES = Object.freeze({
  gpus: 16_384,
  duration_s: 54 * S_PER_DAY,
  interruptions: 466,
  unexpected: 419,
  faultyGpu: 148,
  hbm3: 72,
  software: 54,
  network: 35,
});

export interface HardwareFaultRates {
  /** Failures that take the chip for good [per chip per s]. */
  permanent_per_chip_s: number;
  /** Failures that interrupt the job but leave the chip usable [per chip per s]. */
  transient_per_chip_s: number;
}

/** Llama 3's unexpected-interruption rate split into permanent (GPU + HBM3) and transient (the rest). */
export function llama3Rates(): HardwareFaultRates {
  const L = LLAMA3_FAILURES;
  const chipSeconds = L.gpus * L.duration_s;
  const permanent = L.faultyGpu + L.hbm3;
  return { permanent_per_chip_s: permanent / chipSeconds, transient_per_chip_s: (L.unexpected - permanent) / chipSeconds };
}

/** What a fault does (Uint8 column of FaultEvents). */
export const FaultCause = {
  ChipPermanent: 0,
  Transient: 1,
  SdcDetected: 2,
  SdcUndetected: 3,
  HbmUncorrectable: 4,
  AcceleratorCrash: 5,
  HostCrash: 6,
  SatelliteOffline: 7,
  PowerShed: 8,
  DoseFlag: 9,
} as const;
export const FAULT_CAUSE_NAMES = ['chipPermanent', 'transient', 'sdcDetected', 'sdcUndetected', 'hbmUncorrectable', 'acceleratorCrash', 'hostCrash', 'satelliteOffline', 'powerShed', 'doseFlag'] as const;

/** How a job is affected. */
export const FaultAction = {
  /** Nothing happens to the job (counted only). */
  None: 0,
  /** Restart from the last checkpoint on the same chips (pays the restart cost). */
  Rollback: 1,
  /** Lose work since the last checkpoint, give the chips back and queue again. */
  Requeue: 2,
} as const;

export function actionOf(cause: number): number {
  switch (cause) {
    case FaultCause.ChipPermanent: case FaultCause.SatelliteOffline: case FaultCause.PowerShed: return FaultAction.Requeue;
    case FaultCause.SdcUndetected: case FaultCause.DoseFlag: return FaultAction.None;
    default: return FaultAction.Rollback;
  }
}

/** Map a radiation event code to a fault cause; `u` is a uniform draw for SDC detection. */
export function causeOfRadEvent(code: number, sdcDetection: number, u: number): number {
  switch (code) {
    case RadEvent.Sdc: return u < sdcDetection ? FaultCause.SdcDetected : FaultCause.SdcUndetected;
    case RadEvent.HbmUncorrectable: return FaultCause.HbmUncorrectable;
    case RadEvent.AcceleratorCrash: return FaultCause.AcceleratorCrash;
    case RadEvent.HostCpuCrash: case RadEvent.HostRamError: return FaultCause.HostCrash;
    default: return FaultCause.DoseFlag;
  }
}

/** Fault events of one step: time, chip row, cause (struct of arrays, reused). */
export class FaultEvents {
  count = 0;
  time_s = new Float64Array(64);
  chip = new Int32Array(64);
  cause = new Uint8Array(64);
  order = new Int32Array(64);

  push(t: number, chip: number, cause: number): void {
    if (this.count === this.time_s.length) {
      const n = this.count * 2;
      const t2 = new Float64Array(n); t2.set(this.time_s); this.time_s = t2;
      const c2 = new Int32Array(n); c2.set(this.chip); this.chip = c2;
      const k2 = new Uint8Array(n); k2.set(this.cause); this.cause = k2;
      this.order = new Int32Array(n);
    }
    const i = this.count++;
    this.time_s[i] = t; this.chip[i] = chip; this.cause[i] = cause;
  }

  /** Fill `order` with rows sorted by (time, chip, cause): a deterministic application order. */
  sort(): void {
    const n = this.count, o = this.order;
    for (let i = 0; i < n; i++) o[i] = i;
    if (n < 2) return;
    const t = this.time_s, c = this.chip, k = this.cause;
    o.subarray(0, n).sort((a, b) => (t[a]! - t[b]!) || (c[a]! - c[b]!) || (k[a]! - k[b]!));
  }
}

/**
 * Seeded hardware failure process over chip rows 0..chipCount−1 (thinning, see the file comment).
 * `powered(c)` tells whether a candidate chip can fail now.
 */
export class HardwareFaults {
  private readonly rng: Rng;
  private next_s: number;
  private readonly totalRate: number;
  private readonly pPermanent: number;

  constructor(readonly rates: HardwareFaultRates, readonly chipCount: number, seed: number, start_s = 0) {
    this.rng = new Rng(seed).fork('hardware-faults');
    const lam = rates.permanent_per_chip_s + rates.transient_per_chip_s;
    this.totalRate = lam * chipCount;
    this.pPermanent = lam > 0 ? rates.permanent_per_chip_s / lam : 0;
    this.next_s = start_s + this.rng.exponential(this.totalRate);
  }

  /** Per-chip rate of any failure [1/s]. */
  get ratePerChip_per_s(): number {
    return this.rates.permanent_per_chip_s + this.rates.transient_per_chip_s;
  }

  /**
   * Append the failures before t1 to `out`; returns how many. Calls must cover time without gaps
   * (each call continues where the last one ended): skipping time would drop the failures of idle chips.
   */
  emit(t1: number, powered: (chip: number) => boolean, out: FaultEvents): number {
    let n = 0;
    while (this.next_s < t1) {
      const c = Math.min(this.chipCount - 1, Math.floor(this.rng.uniform() * this.chipCount));
      const permanent = this.rng.uniform() < this.pPermanent;
      if (powered(c)) { out.push(this.next_s, c, permanent ? FaultCause.ChipPermanent : FaultCause.Transient); n++; }
      this.next_s += this.rng.exponential(this.totalRate);
    }
    return n;
  }
}
