/**
 * Collision-avoidance manoeuvres in the twin (scenario `avoidance`, issues 5 and 6): who goes
 * offline, when, for how long, and what it costs in Δv and compute.
 *
 * 1. At run start the fleet is screened (avoidance-screen.ts) for TCAs in (lead, lead + window]
 *    after the epoch, so that the burns fill the run's first window, with the real
 *    screener; planManoeuvres (src/debris/avoidance.ts) turns every encounter at or below the miss
 *    threshold into a manoeuvre: the mover (the fleet object; in an intra-fleet pair the larger
 *    id), burn at TCA − lead time, Δv, time offline. A manoeuvre whose burn falls while its
 *    satellite is still offline from the previous one is merged into it (avoidance.ts).
 *    Δv is sized per manoeuvre at the mover's own orbit (its constellation's altitude) unless
 *    the scenario fixes it.
 * 2. Inside the window these manoeuvres are applied exactly (ManoeuvreStart at the burn time,
 *    ManoeuvreEnd offline_s later; events.ts). The engine applies events at step boundaries, so a
 *    satellite is Offline from the first boundary at or after the burn to the first boundary at or
 *    after the end (offline_s exactly when it is a whole number of steps; at least one step).
 * 3. Beyond the window each satellite's manoeuvres recur as a seeded Poisson process at the rate
 *    the window measured, λ = manoeuvres ÷ window, either per satellite (its own count) or per
 *    constellation (the constellation's count ÷ its satellites). Per satellite where the
 *    constellation's manoeuvring satellites had at least MIN_PER_SATELLITE manoeuvres each on
 *    average in the window (a count's Poisson error is 1/√k: ≤ 32 % there); otherwise per
 *    constellation, because one or two manoeuvres say little about one satellite's rate and
 *    nothing about the satellites that happened to have none (conjunctions with debris are
 *    chance events the whole shell shares). A manoeuvre keeps its satellite busy for offline_s, so
 *    the gaps are offline_s + Exp(μ) with μ = λ / (1 − λ·offline_s): the long-run rate is then the
 *    measured λ (a Poisson process with dead time, as the window's merged plan has). Draw k of
 *    satellite s comes from Rng(seed).fork('avoidance').fork(s).fork(k): the same seed gives the
 *    same manoeuvres whatever else the run draws.
 *
 * Status: Offline during a manoeuvre unless Failed (or without a valid position), Ok after. The
 * compute stage (compute-stage.ts) stops the jobs of an Offline satellite and lets them resume
 * when it is Ok. Without a workload the power model (fused-step.ts) still draws the chips of an
 * Offline satellite: capacity lost is reported as offline accelerator-hours, not subtracted.
 */
import { basename } from 'node:path';
import type { ProgressSink } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import { Status } from '../core/status.js';
import { MU_EARTH_m3_s2, R_EARTH_m, S_PER_JULIAN_YEAR } from '../core/units.js';
import { deltaVForSeparation_m_s, planManoeuvres } from '../debris/avoidance.js';
import { clusterStationKeeping } from '../debris/stationkeeping.js';
import { raanForLtan } from '../orbit/sso.js';
import { screenFleet } from './avoidance-screen.js';
import type { BuiltFleet } from './build.js';
import { LOG_MANOEUVRE_END, LOG_MANOEUVRE_START, TwinEvent, type BoundedEventLog, type EventQueue, type PoppedEvent } from './events.js';
import type { AvoidanceSpec } from './scenario/avoidance.js';
import type { Scenario } from './scenario/normalise.js';

/** Mean manoeuvres per manoeuvring satellite in the window for per-satellite rates (see the file comment). */
export const MIN_PER_SATELLITE = 10;

/** Manoeuvre sources (the `chip` field of the events). */
const FROM_WINDOW = 0, RECURRING = 1;

/** What summary.json says the avoidance model assumes. */
export const AVOIDANCE_ASSUMPTIONS: readonly string[] = [
  'collision avoidance: the fleet is screened at run start over the window (same models as `orbitdc screen`); every encounter at or below the miss threshold is a manoeuvre of the fleet object (intra-fleet: the larger id) at TCA − lead time; one that starts while its satellite is still offline is merged',
  'collision avoidance: inside the window the screened manoeuvres are applied exactly; beyond it they recur as a seeded Poisson process with dead time offline_s, at the window\'s rate per satellite (≥ 10 manoeuvres per manoeuvring satellite) or per constellation (sparser), see avoidance.recurrence',
  'collision avoidance: a manoeuvring satellite is Offline (its jobs stop and resume when Ok) from the first step boundary at or after the burn to the first at or after its end; without a workload its chips still draw power (offline accelerator-hours are reported, not subtracted)',
  'collision avoidance: the designed constellation flies its unmanoeuvred orbit (a manoeuvre changes no later encounter); formation-cluster members are not screened against each other (formation keeping, not avoidance)',
];

interface RecurrenceInfo { constellation: string; mode: 'per-satellite' | 'per-constellation' | 'none'; why: string; windowManoeuvres: number; ratePerSatelliteDay: number }

export class AvoidanceTwin {
  readonly spec: AvoidanceSpec;
  /** Wall time of the screening [s] (not in summary.json). */
  readonly screenWall_s: number;
  private readonly n: number;
  private readonly dt_s: number;
  private readonly end_s: number;
  private readonly window_s: number;
  private readonly windowCut: boolean;
  private readonly methods: string[];
  private readonly catalogObjects: number;
  private readonly encounters: number;
  private readonly closestMiss_m: number;
  /** Window plan: burn time [s since epoch], satellite, Δv [m/s]. */
  private readonly wTime: Float64Array;
  private readonly wSat: Int32Array;
  /** Δv of a manoeuvre per satellite's constellation [m/s]. */
  private readonly dvOfSat: Float64Array;
  private readonly chipsOfSat: Float64Array;
  /** Recurrence: dead-time-corrected rate μ per satellite [1/s] (0: none), draws so far, start of the clock [s]. */
  private readonly mu: Float64Array;
  private readonly draws: Uint32Array;
  private readonly rng: Rng;
  private readonly recurrence: RecurrenceInfo[];
  private readonly built: BuiltFleet;
  private readonly epochUtcMs: number;
  // Tallies of what the run applied.
  private readonly inManoeuvre: Uint8Array;
  private readonly startedAt_s: Float64Array;
  private readonly dvSum: Float64Array;
  private readonly manoeuvred: Uint8Array;
  private startedWindow = 0;
  private startedRecurring = 0;
  private skipped = 0;
  private offline_s = 0;
  private offlineChip_s = 0;

  private constructor(scenario: Scenario, built: BuiltFleet, spec: AvoidanceSpec, seed: number, screened: Awaited<ReturnType<typeof screenFleet>>) {
    this.spec = spec; this.built = built; this.epochUtcMs = scenario.epochUtcMs;
    const n = (this.n = built.fleet.count);
    this.dt_s = scenario.step_s; this.end_s = scenario.duration_s;
    this.window_s = screened.window_s; this.windowCut = screened.windowCut; this.methods = screened.methods;
    this.catalogObjects = screened.catalogObjects; this.screenWall_s = screened.wall_s;
    const ev = screened.events;
    let closest = Infinity;
    for (let k = 0; k < ev.count; k++) closest = Math.min(closest, ev.miss_m[k]!);
    this.encounters = ev.count; this.closestMiss_m = closest;

    this.dvOfSat = new Float64Array(n); this.chipsOfSat = new Float64Array(n);
    for (const c of built.constellations) {
      const a = R_EARTH_m + c.altitude_m, nn = Math.sqrt(MU_EARTH_m3_s2 / (a * a * a));
      this.dvOfSat.fill(spec.deltaV_m_s ?? deltaVForSeparation_m_s(spec.separation_m, spec.leadTime_s, nn), c.from, c.to);
      this.chipsOfSat.fill(c.chips, c.from, c.to);
    }
    const plan = planManoeuvres(ev, built.fleet.id.subarray(0, n), {
      missThreshold_m: spec.missThreshold_m, separation_m: spec.separation_m, leadTime_s: spec.leadTime_s, offline_s: spec.offline_s,
      ...(spec.deltaV_m_s !== null ? { deltaV_m_s: spec.deltaV_m_s } : {}),
    });
    this.wTime = Float64Array.from(plan, (m) => (m.utcMs - scenario.epochUtcMs) / 1000);
    this.wSat = Int32Array.from(plan, (m) => m.satellite);

    // Recurrence rates from the window (file comment, step 3).
    const count = new Uint32Array(n);
    for (const s of this.wSat) count[s]!++;
    this.mu = new Float64Array(n);
    this.draws = new Uint32Array(n);
    this.recurrence = [];
    const beyond = this.end_s > this.window_s;
    const W = this.window_s, off = spec.offline_s;
    const toMu = (lambda: number): number => lambda / (1 - Math.min(0.99, lambda * off));
    for (const c of built.constellations) {
      let total = 0, movers = 0;
      for (let s = c.from; s < c.to; s++) { total += count[s]!; if (count[s]! > 0) movers++; }
      const N = c.to - c.from;
      let mode: RecurrenceInfo['mode'], why: string;
      if (!beyond) { mode = 'none'; why = 'the run ends inside the screening window'; }
      else if (total === 0) { mode = 'none'; why = 'no manoeuvre in the window'; }
      else if (total / movers >= MIN_PER_SATELLITE) {
        mode = 'per-satellite'; why = `${(total / movers).toFixed(1)} manoeuvres per manoeuvring satellite in the window (≥ ${MIN_PER_SATELLITE}): each satellite's own rate`;
        for (let s = c.from; s < c.to; s++) this.mu[s] = toMu(count[s]! / W);
      } else {
        mode = 'per-constellation'; why = `${(total / movers).toFixed(1)} manoeuvres per manoeuvring satellite in the window (< ${MIN_PER_SATELLITE}): too few for a rate per satellite, the constellation's rate for each`;
        this.mu.fill(toMu(total / (N * W)), c.from, c.to);
      }
      this.recurrence.push({ constellation: c.spec.name, mode, why, windowManoeuvres: total, ratePerSatelliteDay: N > 0 ? (total / N / W) * 86_400 : 0 });
    }
    this.rng = new Rng(seed).fork('avoidance');
    this.inManoeuvre = new Uint8Array(n); this.startedAt_s = new Float64Array(n);
    this.dvSum = new Float64Array(n); this.manoeuvred = new Uint8Array(n);
  }

  /** Screen and plan for a scenario with an `avoidance` section (null without one). */
  static async create(scenario: Scenario, built: BuiltFleet, seed: number, progress?: ProgressSink): Promise<AvoidanceTwin | null> {
    const spec = scenario.avoidance;
    if (!spec) return null;
    const screened = await screenFleet(built, scenario.epochUtcMs, spec, progress);
    return new AvoidanceTwin(scenario, built, spec, seed, screened);
  }

  /** Manoeuvres planned in the window. */
  get windowManoeuvres(): number {
    return this.wTime.length;
  }

  /** Put the window's manoeuvres and every satellite's first recurrence into the engine's queue. */
  schedule(q: EventQueue): void {
    const off = this.spec.offline_s;
    const clock = new Float64Array(this.n).fill(this.window_s);
    for (let k = 0; k < this.wTime.length; k++) {
      const s = this.wSat[k]!, t = this.wTime[k]!;
      clock[s] = Math.max(clock[s]!, t + off);
      if (t < this.end_s) q.push(t, TwinEvent.ManoeuvreStart, s, FROM_WINDOW, off);
    }
    for (let s = 0; s < this.n; s++) if (this.mu[s]! > 0) this.scheduleNext(q, s, clock[s]!);
  }

  /** Next recurrence of satellite s after `after_s` (its dead time already over). */
  private scheduleNext(q: EventQueue, s: number, after_s: number): void {
    const t = after_s + this.rng.fork(s).fork(this.draws[s]!++).exponential(this.mu[s]!);
    if (t < this.end_s) q.push(t, TwinEvent.ManoeuvreStart, s, RECURRING, this.spec.offline_s);
  }

  /**
   * Apply a ManoeuvreStart or ManoeuvreEnd popped at step boundary t (engine drainEvents):
   * status, the end event, the next recurrence, the log, the tallies.
   */
  apply(e: PoppedEvent, t: number, status: Uint8Array, q: EventQueue, log: BoundedEventLog): void {
    const s = e.sat;
    if (e.kind === TwinEvent.ManoeuvreStart) {
      const st = status[s]!;
      // Unset: a burn drained at step 0 comes before the first propagation; the orbit stages keep Offline.
      if ((st !== Status.Ok && st !== Status.Unset) || this.inManoeuvre[s] === 1) {
        // Failed, without a valid position, or already offline: no burn. A failed satellite's recurrence ends with it.
        this.skipped++;
        if (e.chip === RECURRING && st !== Status.Failed && st !== Status.Reentered) this.scheduleNext(q, s, e.time_s + this.spec.offline_s);
        return;
      }
      status[s] = Status.Offline;
      this.inManoeuvre[s] = 1; this.startedAt_s[s] = t; this.manoeuvred[s] = 1;
      this.dvSum[s]! += this.dvOfSat[s]!;
      if (e.chip === RECURRING) this.startedRecurring++; else this.startedWindow++;
      log.add(e.time_s, LOG_MANOEUVRE_START, s);
      // At least one step offline (a boundary strictly after this one), as a crashed chip is down for one.
      q.push(Math.max(e.time_s + e.value, t + 0.5 * this.dt_s), TwinEvent.ManoeuvreEnd, s, e.chip, 0);
    } else if (e.kind === TwinEvent.ManoeuvreEnd) {
      if (this.inManoeuvre[s] !== 1) return;
      this.inManoeuvre[s] = 0;
      this.offline_s += t - this.startedAt_s[s]!;
      this.offlineChip_s += (t - this.startedAt_s[s]!) * this.chipsOfSat[s]!;
      if (status[s] === Status.Offline) status[s] = Status.Ok;
      log.add(e.time_s, LOG_MANOEUVRE_END, s);
      if (e.chip === RECURRING) this.scheduleNext(q, s, e.time_s);
    }
  }

  /**
   * The `avoidance` section of summary.json for a run that reached `reached_s`; `jobsInterrupted`:
   * the workload's interruptions by offline satellites (null without a workload).
   */
  summary(reached_s: number, jobsInterrupted: number | null = null): Record<string, unknown> {
    let off = this.offline_s, offChip = this.offlineChip_s;
    for (let s = 0; s < this.n; s++) {
      if (this.inManoeuvre[s] === 1) { off += reached_s - this.startedAt_s[s]!; offChip += (reached_s - this.startedAt_s[s]!) * this.chipsOfSat[s]!; }
    }
    let satellites = 0, dv = 0;
    for (let s = 0; s < this.n; s++) { satellites += this.manoeuvred[s]!; dv += this.dvSum[s]!; }
    const years = reached_s / S_PER_JULIAN_YEAR;
    const sp = this.spec;
    return {
      policy: {
        missThreshold_m: sp.missThreshold_m, deltaV_m_s: sp.deltaV_m_s, separation_m: sp.deltaV_m_s === null ? sp.separation_m : null,
        leadTime_s: sp.leadTime_s, offline_s: sp.offline_s, catalog: sp.catalogPath === null ? null : basename(sp.catalogPath),
        window_s: sp.window_s, screenStep_s: sp.step_s,
      },
      screening: {
        methods: this.methods, window_s: this.window_s, windowCut: this.windowCut, catalogObjects: this.catalogObjects,
        encounters: this.encounters, closestMiss_m: Number.isFinite(this.closestMiss_m) ? this.closestMiss_m : null,
      },
      manoeuvres: {
        plannedInWindow: this.wTime.length, started: this.startedWindow + this.startedRecurring, startedInWindow: this.startedWindow,
        startedRecurring: this.startedRecurring, skipped: this.skipped, satellites, totalDeltaV_m_s: dv,
        offlineSatelliteHours: off / 3600, offlineAcceleratorHours: offChip / 3600,
        jobsInterrupted,
        computeNote: jobsInterrupted === null
          ? 'no workload: offline accelerator-hours are capacity taken offline; the power model still runs those chips (fused-step.ts), so delivered compute does not drop by them'
          : 'with the workload: jobs on a manoeuvring satellite stop (jobsInterrupted) and resume elsewhere or when it is back; the time lost is in workload.lostChipHours with every other fault',
      },
      recurrence: this.recurrence,
      deltaVBudget: this.deltaVBudget(years),
      assumptions: [...AVOIDANCE_ASSUMPTIONS],
    };
  }

  /**
   * Δv per satellite per year from manoeuvres, per constellation (mean and largest), next to the
   * station-keeping budget of formation clusters (src/debris/stationkeeping.ts: differential J2 and
   * drag around the cluster's reference orbit, as build.ts builds it).
   */
  private deltaVBudget(years: number): Array<Record<string, unknown>> {
    const b = this.built;
    return b.constellations.map((c) => {
      let sum = 0, max = 0;
      for (let s = c.from; s < c.to; s++) { sum += this.dvSum[s]!; max = Math.max(max, this.dvSum[s]!); }
      const N = c.to - c.from;
      const row: Record<string, unknown> = {
        constellation: c.spec.name,
        avoidanceMean_m_s_per_year: years > 0 && N > 0 ? sum / N / years : null,
        avoidanceMax_m_s_per_year: years > 0 ? max / years : null,
      };
      const spec = c.spec;
      if (spec.kind === 'cluster' && b.elements) {
        const ref = { a_m: spec.a_m, e: 0, i_rad: spec.inclination_rad, raan_rad: raanForLtan(this.epochUtcMs, spec.ltan_s / 3600), argp_rad: 0, meanAnomaly_rad: 0 };
        const sk = clusterStationKeeping(b.elements, c.from, N, ref);
        let mean = 0;
        for (let k = 0; k < N; k++) mean += sk.j2Node_m_s_yr[k]! + sk.differentialDrag_m_s_yr[k]! + sk.altitudeKeeping_m_s_yr;
        row.stationKeepingMean_m_s_per_year = N > 0 ? mean / N : null;
        row.stationKeepingMax_m_s_per_year = sk.maxTotal_m_s_yr;
      }
      return row;
    });
  }
}
