/**
 * The fleet as the twin's compute stage sees it (compute-stage.ts): per satellite of the built
 * twin fleet (row order), chips and their power and FLOP/s, placement domain, array, bus, battery,
 * orbital period, orbit-average dose rate and thermal model.
 *
 * Placement domains: a formation cluster is one domain (its satellites are link-connected:
 * Suncatcher's 24 × 400 Gbit/s DWDM per aperture, 9.6 Tbit/s); every satellite of a Walker, SSO
 * or catalog constellation is a domain of its own, unless the scenario's `network` joins
 * consecutive in-plane satellites of a +Grid shell into one (network-stage.ts, network-compute.ts:
 * the in-plane link capacity, cut to 0 while a link is down; inference limited by the ground).
 */
import { MU_EARTH_m3_s2, R_EARTH_m, TWO_PI } from '../core/units.js';
import type { ThermalParams } from '../spacecraft/types.js';
import { ARRAY_OPERATING_TEMP_K, type BuiltFleet } from './build.js';
import type { PlacementSpan } from './network-stage.js';

/** Suncatcher (arXiv 2511.19468): DWDM 24 × 400 Gbit/s = 9.6 Tbit/s per aperture, a cluster's link bandwidth. */
export const CLUSTER_BANDWIDTH_bps = 9.6e12;

/** The fleet as the compute stage sees it (per satellite, row order of the twin's fleet). */
export interface ComputeFleet {
  satCount: number;
  chipsPerSat: Int32Array;
  /** Full power of one chip [W]. */
  chipPower_W: Float64Array;
  /** Largest chip FLOP/s in the fleet (default tokens per chip). */
  chipFlops: number;
  domainOfSat: Int32Array;
  domainBandwidth_bps: Float64Array;
  /** Array output in full sun at the start [W] (learnt from the twin's output afterwards). */
  arrayPower_W: Float64Array;
  busLoad_W: Float64Array;
  capacity_J: Float64Array;
  socFloor: number;
  chargeEfficiency: number;
  dischargeEfficiency: number;
  /** Orbital period [s]. */
  period_s: Float64Array;
  /** Orbit-average radiation dose rate per satellite [rad(Si)/s] (sets the Young/Daly interruption rate). */
  doseRate_rad_s: Float64Array;
  /** Thermal model of each design and the design of each satellite (the thermal cap; absent: no cap). */
  thermal?: { params: ThermalParams[]; ofSat: Int32Array };
  /** FLOP/s of one chip per satellite (delivered FLOP of the loss accounting; absent: chipFlops). */
  flopsOfSat?: Float64Array;
}

/** The compute fleet of a built twin fleet (see the file comment for domains). */
export function computeFleetFromBuilt(built: BuiltFleet, spans: readonly PlacementSpan[] = []): ComputeFleet {
  const S = built.fleet.count;
  const f: ComputeFleet = {
    satCount: S, chipsPerSat: new Int32Array(S), chipPower_W: new Float64Array(S), chipFlops: 0, domainOfSat: new Int32Array(S),
    domainBandwidth_bps: new Float64Array(0), arrayPower_W: new Float64Array(S), busLoad_W: new Float64Array(S), capacity_J: new Float64Array(S),
    socFloor: 0, chargeEfficiency: 1, dischargeEfficiency: 1, period_s: new Float64Array(S).fill(5700), doseRate_rad_s: new Float64Array(S),
  };
  const bw: number[] = [];
  const thermal = { params: built.constellations.map((c) => c.params.thermal), ofSat: Int32Array.from(built.constellationOfRow) };
  f.thermal = thermal;
  f.flopsOfSat = new Float64Array(S);
  let d = -1;
  for (const c of built.constellations) {
    const des = c.design, sa = des.solarArray;
    const tempFactor = 1 + sa.tempCoeff_per_K * (ARRAY_OPERATING_TEMP_K - sa.referenceTemp_K);
    const a = R_EARTH_m + c.altitude_m;
    const period = TWO_PI * Math.sqrt((a * a * a) / MU_EARTH_m3_s2);
    const span = spans.find((p) => p.from === c.from);
    if (c.spec.kind === 'cluster') { d++; bw.push(CLUSTER_BANDWIDTH_bps); }
    for (let s = c.from; s < c.to; s++) {
      // A network span (network-stage.ts): a new domain every `span` slots of each plane.
      if (span) { if (((s - c.from) % span.perPlane) % span.span === 0) { d++; bw.push(span.bandwidth_bps); } }
      else if (c.spec.kind !== 'cluster') { d++; bw.push(Infinity); }
      f.domainOfSat[s] = d;
      f.chipsPerSat[s] = c.chips;
      f.chipPower_W[s] = Number.isFinite(c.chipPower_W) ? c.chipPower_W : 0;
      f.arrayPower_W[s] = sa.bolPower_W * tempFactor;
      f.busLoad_W[s] = des.busLoad_W;
      f.capacity_J[s] = des.battery.capacity_J;
      f.period_s[s] = period;
      f.doseRate_rad_s[s] = c.orbitAverageDose_rad_s;
      f.flopsOfSat[s] = Number.isFinite(c.chipFlops) ? c.chipFlops : 0;
    }
    f.chipFlops = Math.max(f.chipFlops, Number.isFinite(c.chipFlops) ? c.chipFlops : 0);
    // One floor and one pair of efficiencies for the forecast: the strictest of the designs.
    f.socFloor = Math.max(f.socFloor, des.battery.socFloor);
    f.chargeEfficiency = Math.min(f.chargeEfficiency, des.battery.chargeEfficiency);
    f.dischargeEfficiency = Math.min(f.dischargeEfficiency, des.battery.dischargeEfficiency);
  }
  f.domainBandwidth_bps = Float64Array.from(bw);
  return f;
}
