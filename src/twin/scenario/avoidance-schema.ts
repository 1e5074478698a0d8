/**
 * The `avoidance` section of a scenario file (TypeBox → JSON Schema): collision-avoidance
 * manoeuvres in a twin run. At run start the fleet is screened for conjunctions (within itself and,
 * if `catalog` is given, against that catalog) over `window`; every encounter at or below
 * `miss_threshold_km` becomes a manoeuvre (src/debris/avoidance.ts) that takes the satellite
 * offline; beyond the window manoeuvres recur at the rate the window measured
 * (src/twin/avoidance-twin.ts). Optional: without it no satellite manoeuvres, as before.
 * Every default is stated with its source; "ASSUMPTION" marks orbitdc's own. schema.ts mounts it.
 */
import { Type } from '@sinclair/typebox';

export const AvoidanceSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({
      default: true,
      description: 'Screen and manoeuvre in this run. Default true (the section being present is the intent; `false` keeps the section but turns it off).',
    })),
    miss_threshold_km: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 50, default: 1,
      description: 'Manoeuvre when the predicted miss distance is at most this [km]. Default 1 km: ASSUMPTION (orbitdc), a miss-distance stand-in for the collision-probability rules operators use (SpaceX manoeuvres above Pc = 1e-5, NASA CARA acts above 1e-4; src/debris/avoidance.ts).',
    })),
    delta_v_m_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 100,
      description: 'Fixed Δv per manoeuvre [m/s]. Default: sized from separation_km (a tangential burn lead_time_s before TCA, Hill–Clohessy–Wiltshire; src/debris/avoidance.ts).',
    })),
    separation_km: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 500,
      description: 'Along-track separation at TCA the manoeuvre must create [km], when delta_v_m_s is not given. Default 2 × miss_threshold_km (src/debris/avoidance.ts).',
    })),
    lead_time_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 86_400, default: 2800,
      description: 'Burn this long before the time of closest approach [s]. Default 2,800 s ≈ half a LEO orbit, where a tangential burn gives the most separation per m/s (Vallado 2013 §6.8; src/debris/avoidance.ts).',
    })),
    offline_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 604_800, default: 1800,
      description: 'Time a satellite is offline for compute per manoeuvre (slew, burn, settle) [s]. Default 1,800 s: ASSUMPTION (orbitdc; src/debris/avoidance.ts), no published figure for compute satellites.',
    })),
    catalog: Type.Optional(Type.String({
      minLength: 1,
      description: 'Catalog file (TLE/3LE or CCSDS OMM), relative to the scenario file, to screen the fleet against (e.g. the active catalog). Default: none, the fleet is screened within itself only.',
    })),
    window: Type.Optional(Type.String({
      // The same grammar as the scenario's `duration` (schema.ts PATTERNS.duration).
      pattern: '^P(?=\\d|T\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?W)?(?:\\d+(?:\\.\\d+)?D)?(?:T(?=\\d)(?:\\d+(?:\\.\\d+)?H)?(?:\\d+(?:\\.\\d+)?M)?(?:\\d+(?:\\.\\d+)?S)?)?$',
      default: 'P1D',
      description: 'Screening window from the epoch, ISO-8601 duration (cut to the run): manoeuvres inside it are the screened ones, beyond it they recur at its rate. Default P1D (a catalog TLE is good to ~1 km for about a day).',
    })),
    step_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 600, default: 60,
      description: 'Coarse step of the screener [s]: states every step, Hermite interpolation between (error ~0.3 m at 60 s in LEO; src/debris/screen.ts). Default 60 s.',
    })),
  },
  { additionalProperties: false, description: 'Collision-avoidance manoeuvres: screening, policy and time offline (src/twin/avoidance-twin.ts).' },
);
