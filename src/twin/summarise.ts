/**
 * The summary of a run (summary.json) and its per-satellite table, from the engine's totals and
 * accumulators. Everything here is a function of the scenario, the seed and the steps run: no
 * wall time, no machine, no date of the run, so the same scenario and seed give the same bytes.
 * Numbers are rounded to 12 significant digits (far below any model's accuracy) so that the file
 * reads cleanly; non-finite values become null.
 */
import { statusName } from '../core/status.js';
import { economicsReport, type DeliveredCompute } from '../economics/index.js';
import { formatIsoUtc } from '../core/time.js';
import { RAD_TO_DEG, S_PER_JULIAN_YEAR } from '../core/units.js';
import { TRILLIUM_DOSE_LIMITS, TRILLIUM_RAD_PER_EVENT } from '../spacecraft/radiation-effects.js';
import { AVOIDANCE_ASSUMPTIONS } from './avoidance-twin.js';
import { BUILD_ASSUMPTIONS } from './build.js';
import { workloadSummary } from './compute-summary.js';
import { maintenanceSummary } from './health.js';
import type { TwinRun } from './engine.js';
import { RESTART_S } from './events.js';
import type { PerSatelliteTable, SeriesColumn } from './results.js';
import { formatScenarioProblem } from './scenario/errors.js';

/** Format version of summary.json; bump on an incompatible change. */
export const SUMMARY_FORMAT = 1;

export interface StopInfo {
  /** Steps completed before the stop. */
  step: number;
  reason: string;
}

export interface SummaryExtras {
  stop: StopInfo | null;
  socStart_J: number;
  socEnd_J: number;
  satellitesFailed: number;
  seriesRows: number;
  seriesInterval: number;
  radEvery: number;
  tracks: { satellites: number; samples: number; every_s: number };
}

/** 12 significant digits; null for NaN and infinities (JSON has neither). */
export function num(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : null;
}

const EVENT_KEYS = ['Sdc', 'HbmUncorrectable', 'AcceleratorCrash', 'HostCpuCrash', 'HostRamError'] as const;

export function summarise(run: TwinRun, x: SummaryExtras): Record<string, unknown> {
  const s = run.scenario, T = run.totals.toObject(), dt = run.dt_s;
  const simulated_s = run.step * dt;
  const fleet = run.fleetState;
  const dose = fleet.column('dose_rad');
  let doseSum = 0, doseMax = 0;
  for (let i = 0; i < fleet.count; i++) { doseSum += dose[i]!; if (dose[i]! > doseMax) doseMax = dose[i]!; }
  const n = fleet.count;
  const acc = run.acc;
  const eventTotals: Record<string, number> = {};
  EVENT_KEYS.forEach((k, j) => { eventTotals[k] = run.log.totals[j]!; });
  const chipHours = (chip_s: number): number | null => num(chip_s / 3600);
  const frac = (a: number, b: number): number | null => (b > 0 ? num(a / b) : null);
  let chipDown_s = 0;
  for (let i = 0; i < n; i++) chipDown_s += acc.chipDown_s[i]!;
  const residual = T.generated_J - (T.busServed_J + T.compute_J + (x.socEnd_J - x.socStart_J) + T.batteryLoss_J + T.clipped_J);
  const split = computeSplit(run, T);

  return {
    orbitdc: { summaryFormat: SUMMARY_FORMAT },
    scenario: {
      name: s.name,
      description: s.description,
      source: s.source,
      overrides: [...s.overrides],
      epoch: formatIsoUtc(s.epochUtcMs),
      end: formatIsoUtc(s.endUtcMs),
      duration_s: s.duration_s,
      step_s: dt,
      steps: run.stepCount,
      seed: run.seed,
    },
    partial: x.stop !== null,
    completedSteps: run.step,
    simulated_s: num(simulated_s),
    stoppedAt: x.stop === null ? null : {
      step: x.stop.step,
      time_s: num(x.stop.step * dt),
      utc: formatIsoUtc(s.epochUtcMs + x.stop.step * dt * 1000),
      reason: x.stop.reason,
      note: 'every figure below covers the completed steps only',
    },
    fleet: {
      satellites: n,
      accelerators: run.built.constellations.reduce((a, c) => a + (c.to - c.from) * c.chips, 0),
      constellations: run.built.constellations.map((c) => ({
        name: c.spec.name,
        kind: c.spec.kind,
        design: c.design.name,
        satellites: c.to - c.from,
        altitude_km: num(c.altitude_m / 1000),
        inclination_deg: num(c.inclination_rad * RAD_TO_DEG),
        accelerator: { model: c.acceleratorModel, perSatellite: c.chips, power_W: num(c.chipPower_W), flops: num(c.chipFlops), hbm_B: num(c.chipHbm_B) },
        arrayBol_W: num(c.design.solarArray.bolPower_W),
        busLoad_W: c.design.busLoad_W,
        computeNameplate_W: num(c.chips * c.chipPower_W),
        orbitAverageDose_rad_per_yr: num(c.orbitAverageDose_rad_s * S_PER_JULIAN_YEAR),
      })),
    },
    compute: {
      nameplate: { acceleratorHours: chipHours(T.nameplateChip_s), flop: num(T.nameplateFlop), energy_J: num(T.nameplate_J) },
      delivered: { acceleratorHours: chipHours(split.delivered_s), flop: num(split.deliveredFlop), energy_J: num(split.delivered_J), fraction: frac(split.delivered_s, T.nameplateChip_s) },
      losses_acceleratorHours: Object.fromEntries(Object.entries(split.losses).map(([k, v]) => [k, chipHours(v)])),
      losses_fraction: Object.fromEntries(Object.entries(split.losses).map(([k, v]) => [k, frac(v, T.nameplateChip_s)])),
      note: split.note,
    },
    power: {
      generated_J: num(T.generated_J),
      generatedMean_W: simulated_s > 0 ? num(T.generated_J / simulated_s) : null,
      busServed_J: num(T.busServed_J),
      computeServed_J: num(T.compute_J),
      batteryLoss_J: num(T.batteryLoss_J),
      clipped_J: num(T.clipped_J),
      shortfall_J: num(T.shortfall_J),
      busShortfall_J: num(T.busShortfall_J),
      batteryStart_J: num(x.socStart_J),
      batteryEnd_J: num(x.socEnd_J),
      energyBalanceResidual_J: num(residual),
      socMin_frac: num(T.socMin_frac),
      satelliteStepsPowerThrottled: T.satelliteStepsPowerThrottled,
    },
    thermal: {
      radiatorMin_K: num(T.tempMin_K),
      radiatorMax_K: num(T.tempMax_K),
      chipMax_K: num(T.chipTempMax_K),
      satelliteStepsThermalThrottled: T.satelliteStepsThermalThrottled,
    },
    illumination: {
      sunlitFraction: frac(T.sunlit_s, T.valid_s),
      eclipseSatelliteHours: num((T.valid_s - T.sunlit_s) / 3600),
    },
    radiation: {
      streams: run.radiationMode,
      doseRateCadence_s: x.radEvery * dt,
      doseMean_rad: n > 0 ? num(doseSum / n) : null,
      doseMax_rad: num(doseMax),
      events: eventTotals,
      radPerEvent: { ...TRILLIUM_RAD_PER_EVENT },
      restart_s: Object.fromEntries(EVENT_KEYS.map((k, j) => [k, RESTART_S[j] ?? 0])),
      doseLimits_rad: { ...TRILLIUM_DOSE_LIMITS },
      acceleratorsHbmIrregular: run.chipsHbmIrregular,
      acceleratorsBeyondTestedDose: run.chipsBeyondTested,
      acceleratorDowntime_hours: num(chipDown_s / 3600),
    },
    failures: { satellitesFailed: x.satellitesFailed, ratePerSatelliteYear: run.options.failureRate_per_year },
    outputs: {
      seriesRows: x.seriesRows,
      seriesInterval_s: x.seriesInterval * dt,
      eventLogRows: run.log.count,
      eventLogTruncated: run.log.truncated,
      czml: { satellites: x.tracks.satellites, samples: x.tracks.samples, sampleEvery_s: x.tracks.every_s },
    },
    assumptions: [
      ...BUILD_ASSUMPTIONS,
      run.compute ? 'compute demand = what the workload\'s scheduler runs (see workload.assumptions)' : 'compute demand = every accelerator that is up, at full power (the scenario has no workload)',
      'throughput proportional to power when throttled',
      'radiation: dose rate by position every doseRateCadence_s, held in between; chips down for restart_s after a crash, at least one step',
      ...(run.avoidance ? AVOIDANCE_ASSUMPTIONS : []),
    ],
    warnings: s.warnings.map(formatScenarioProblem),
    economics: runEconomics(run, split.delivered_s, T.nameplateChip_s, simulated_s, x.stop !== null),
    ...(run.compute ? { workload: workloadSummary(run.compute.metrics()) } : {}),
    // Network (a scenario with `network`): links, ground contacts, reach, latency (network-stage.ts).
    ...(run.network ? { network: roundDeep(run.network.summary(simulated_s)) } : {}),
    ...(run.avoidance ? { avoidance: roundDeep(run.avoidance.summary(simulated_s, run.compute?.metrics().faults.satelliteOffline ?? null)) } : {}),
    maintenance: maintenanceSummary(run.health.result()),
  };
}

/** Delivered compute and where the rest of nameplate went [accelerator-s], with the note that says how. */
export interface ComputeSplit {
  delivered_s: number;
  deliveredFlop: number;
  delivered_J: number;
  losses: Record<string, number>;
  note: string;
}

/**
 * Without a workload: the twin's totals (delivered = what the power and thermal models served of
 * every accelerator that is up; faults = crashed accelerators and failed satellites). With one:
 * the compute stage's split (compute-stage.ts, loss accounting): delivered = the work of running
 * accelerators (jobs and the inference pool); idle = alive accelerators on up satellites with no
 * work (their idle draw is not delivered compute); faults = dead accelerators and failed or
 * offline satellites; thermal and power = the twin's throttling of what was loaded. Each adds up to
 * nameplate.
 */
export function computeSplit(run: TwinRun, T: Record<string, number>): ComputeSplit {
  const L = run.compute?.lossTotals() ?? null;
  const thermal = T.thermalChip_s!, power = T.powerChip_s!;
  if (!L) {
    return {
      delivered_s: T.deliveredChip_s!, deliveredFlop: T.deliveredFlop!, delivered_J: T.compute_J!,
      losses: { faults: T.faultChip_s!, thermal, power },
      note: 'nameplate = delivered + faults + thermal + power; faults = accelerators down after radiation crashes, failed satellites and satellites offline for manoeuvres; throughput taken proportional to power when throttled',
    };
  }
  // Idle is what remains, so that the parts add up to the twin's nameplate exactly (the stage's own
  // idle figure differs from it by rounding only).
  const idle = T.nameplateChip_s! - L.workChip_s - L.faultChip_s - thermal - power;
  return {
    delivered_s: L.workChip_s, deliveredFlop: L.workFlop, delivered_J: L.work_J,
    losses: { faults: L.faultChip_s, idle, thermal, power },
    note: 'nameplate = delivered + faults + idle + thermal + power; with a workload, delivered = the work of accelerators running jobs or the inference pool (idle draw excluded); idle = healthy accelerators on up satellites with no work, chips parked by the power or thermal caps included (workload.thermalCap has the heat\'s share); faults = dead accelerators, failed and offline satellites (a radiation crash costs its job the restart time, inside delivered: see workload.overheadChipHours); thermal and power = the twin throttling what the scheduler ran; throughput taken proportional to power when throttled',
  };
}

/**
 * The economics section (src/economics/report.ts) on this run's delivered compute: the run's
 * delivered ÷ nameplate fraction stands for the whole lifetime. The Monte Carlo is seeded from
 * the run's seed (`--seed` or the scenario's), so summary.json stays a function of scenario and
 * seed. Before any step there is no fraction: the nameplate basis is used. An economics input
 * the library rejects does not lose the run: the section says why instead.
 */
export function runEconomics(run: TwinRun, deliveredChip_s: number, nameplateChip_s: number, simulated_s: number, partial: boolean): unknown {
  const counts: Record<string, number> = {};
  for (const c of run.built.constellations) counts[c.spec.name] = c.to - c.from;
  let delivered: DeliveredCompute | undefined;
  if (nameplateChip_s > 0) {
    delivered = { fraction: deliveredChip_s / nameplateChip_s, source: 'this run', simulated_s };
    if (partial) delivered.partial = true;
  }
  try {
    return roundDeep(economicsReport({ ...run.scenario, seed: run.seed }, delivered, { counts }));
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** num() over every number of a JSON-able value (a fresh value). */
function roundDeep(x: unknown): unknown {
  if (typeof x === 'number') return num(x);
  if (Array.isArray(x)) return x.map(roundDeep);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundDeep(v)]));
  return x;
}

function col(name: string, unit: string, description: string, values: Float64Array): SeriesColumn {
  return { name, unit, description, values };
}

/** End-of-run figures per satellite (fleet row order). */
export function perSatelliteTable(run: TwinRun): PerSatelliteTable {
  const f = run.fleetState, n = f.count, acc = run.acc, dt = run.dt_s;
  const simulated_s = Math.max(run.step * dt, 1e-300);
  const b = run.built;
  const chips = new Float64Array(n), chipP = new Float64Array(n), cap = new Float64Array(n);
  for (const c of b.constellations) {
    chips.fill(c.chips, c.from, c.to); chipP.fill(c.chipPower_W, c.from, c.to); cap.fill(c.design.battery.capacity_J, c.from, c.to);
  }
  const map = (fn: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = fn(i);
    return out;
  };
  const dose = f.column('dose_rad');
  const soc = f.column('soc_J');
  // The health sampler resets the extremes daily and keeps the run's (health.ts).
  const h = run.health;
  // With a workload's loss accounting: the work of running chips (idle draw is not delivered compute).
  const work = run.compute?.lossTotals() ? run.compute.workChip_s : null;
  const delivered_s = (i: number): number => (work ? work[i]! : chipP[i]! > 0 ? acc.compute_J[i]! / chipP[i]! : 0);
  const columns: SeriesColumn[] = [
    col('status_code', 'code', `status at the end (${[0, 20, 21].map((c) => `${c} ${statusName(c)}`).join(', ')}; 1–6 SGP4 errors)`, map((i) => f.status[i]!)),
    col('sunlit_frac', 'fraction', 'time in sunlight', map((i) => acc.sunlit_s[i]! / simulated_s)),
    col('generated_J', 'J', 'solar array energy', map((i) => acc.generated_J[i]!)),
    col('delivered_acceleratorHours', 'h', work ? 'work of accelerators running jobs, in accelerator-hours at full power' : 'compute delivered, in accelerator-hours at full power', map((i) => delivered_s(i) / 3600)),
    col('delivered_frac', 'fraction', 'delivered over nameplate compute', map((i) => (chips[i]! > 0 ? delivered_s(i) / (chips[i]! * simulated_s) : 0))),
    col('shortfall_J', 'J', 'load not served (bus and compute)', map((i) => acc.shortfall_J[i]!)),
    col('socMin_frac', 'fraction', 'lowest battery state of charge', map((i) => { const v = h.runExtreme('socMin', i, acc.socMin_frac[i]!); return cap[i]! > 0 && Number.isFinite(v) ? v : Number.NaN; })),
    col('socEnd_frac', 'fraction', 'battery state of charge at the end', map((i) => (cap[i]! > 0 ? soc[i]! / cap[i]! : Number.NaN))),
    col('tempMax_K', 'K', 'highest radiator-node temperature', map((i) => h.runExtreme('tempMax', i, acc.tempMax_K[i]!))),
    col('chipTempMax_K', 'K', 'highest accelerator junction temperature', map((i) => h.runExtreme('chipTempMax', i, acc.chipTempMax_K[i]!))),
    col('dose_rad', 'rad(Si)', 'total ionising dose behind shielding', map((i) => dose[i]!)),
    col('acceleratorDowntime_h', 'h', 'accelerator-hours down after radiation crashes', map((i) => acc.chipDown_s[i]! / 3600)),
    ...EVENT_KEYS.map((k, j) => col(`events${k}_count`, 'count', `radiation events of kind ${k}`, map((i) => acc.events[i * 5 + j]!))),
  ];
  return {
    ids: f.id.slice(0, n),
    names: f.names.slice(0, n).map((s, i) => s || `SAT-${f.id[i]}`),
    constellation: b.constellationOfRow.slice(),
    columns,
  };
}
