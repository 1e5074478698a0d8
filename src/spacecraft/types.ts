/**
 * Design parameters of the spacecraft power and thermal models (SI inside: m², W, J, K, s) and the
 * fleet columns their step functions read and write. One parameter object describes one satellite
 * design; a fleet of several designs runs each step function over its own row range [from, to).
 *
 * Fractions are plain numbers in 0..1 (0.3 = 30 %), never percent.
 */

/**
 * How the solar array is pointed; the angle of incidence follows from the satellite's inertial
 * position r, velocity v and the Sun direction ŝ (all in the same inertial frame):
 * - `sun-tracking`: two-axis tracking, cos θ = 1 (Suncatcher's and Starcloud's assumption).
 * - `single-axis`: nadir-pointing bus, wings along the orbit normal ĥ = r×v/|r×v| rotating about
 *   it (the usual LEO layout, e.g. ISS, Starlink): cos θ = √(1 − (ĥ·ŝ)²) = cos β.
 * - `orbit-normal`: body-fixed panel whose normal is +ĥ (faces the Sun side of a dawn-dusk orbit
 *   whose ascending node is at 18:00 local time): cos θ = max(0, ĥ·ŝ) = max(0, sin β).
 * - `anti-orbit-normal`: body-fixed, normal −ĥ: cos θ = max(0, −ĥ·ŝ).
 * - `zenith`: body-fixed, normal along r̂ (top deck of a nadir-pointing bus): cos θ = max(0, r̂·ŝ).
 * Only the sunlit face generates (no bifacial gain).
 */
export type SolarPointing = 'sun-tracking' | 'single-axis' | 'orbit-normal' | 'anti-orbit-normal' | 'zenith';

export interface SolarArrayParams {
  /** Array area [m²] (substrate area; `packingFactor` says how much of it is cells). */
  area_m2: number;
  /** Cell efficiency at `referenceTemp_K` under AM0, beginning of life (0.30 = 30 %). */
  cellEfficiency: number;
  /** Temperature at which `cellEfficiency` is rated [K]; space cells are rated at 28 °C = 301.15 K. */
  referenceTemp_K: number;
  /** Relative change of efficiency per kelvin above the reference (−0.0035 = −0.35 %/K relative). */
  tempCoeff_per_K: number;
  /** Cell operating temperature [K] (fixed per design; a sunlit LEO array runs ~40–80 °C). */
  operatingTemp_K: number;
  /** Fraction of the array area covered by active cell (0..1). */
  packingFactor: number;
  /** Fraction of power lost per year of age, compounded: remaining (1 − d)^years. */
  degradationPerYear: number;
  /** Dose-loss coefficient C in remaining = 1 − C·log10(1 + D/D0); 0 switches the dose hook off. */
  doseLossCoeff: number;
  /** Dose scale D0 [rad] of the same law (> 0). */
  doseLossScale_rad: number;
  pointing: SolarPointing;
}

export interface BatteryParams {
  /** Usable-rated capacity [J] (nameplate energy; 1 kWh = 3.6e6 J). */
  capacity_J: number;
  /** Fraction of bus energy offered to the battery that ends up stored (0..1]. */
  chargeEfficiency: number;
  /** Fraction of stored energy drawn that reaches the bus (0..1]. */
  dischargeEfficiency: number;
  /** Deepest allowed discharge (0..1): the state of charge never drops below capacity·(1 − maxDepthOfDischarge). */
  maxDepthOfDischarge: number;
  /** Largest power the battery accepts from the bus [W]; absent = no limit. */
  maxCharge_W?: number;
  /** Largest power the battery delivers to the bus [W]; absent = no limit. */
  maxDischarge_W?: number;
  /** State of charge at the start, as a fraction of capacity (clamped to [floor, capacity]). */
  initialSocFraction: number;
}

/** Albedo illumination: `constant` = a·S·F whenever the satellite is sunlit (Starcloud's worst case);
 *  `subsolar-cosine` = a·S·F·max(0, r̂·ŝ), the cosine of the Sun's zenith angle under the satellite. */
export type AlbedoModel = 'constant' | 'subsolar-cosine';

export interface RadiatorParams {
  /** Panel area [m²] (one face's area; a two-faced panel radiates from 2·area). */
  area_m2: number;
  /** Radiating faces: 1 (other face insulated) or 2. */
  faces: 1 | 2;
  /** Infrared hemispherical emissivity ε (0..1]. */
  emissivity: number;
  /** Solar absorptivity α (0..1). */
  solarAbsorptivity: number;
  /** Absorptivity for Earth's infrared; Kirchhoff's law (grey body at ~250–300 K) makes it = emissivity. */
  earthIrAbsorptivity: number;
  /** View factor from the panel to the Earth, summed over the radiating faces (see `viewFactorPlateToEarth`). */
  viewFactorEarth: number;
  /** cos of the angle between the sunlit face's normal and the Sun: 0 = edge-on (the usual design), 1 = worst case. */
  sunIncidenceCos: number;
  /** Earth's Bond albedo (~0.3). */
  albedo: number;
  albedoModel: AlbedoModel;
  /** Earth's infrared exitance at its surface-equivalent sphere [W/m²]: ~237 (global mean outgoing
   *  longwave) or σ·T⁴ of an Earth temperature (Starcloud: −20 °C → 232.9). */
  earthIr_W_m2: number;
}

export interface ThermalParams {
  radiator: RadiatorParams;
  /** Lumped heat capacity of the satellite's thermal node (radiator + payload) [J/K], > 0. */
  heatCapacity_J_K: number;
  /** Highest allowed radiator-node temperature [K]. */
  radiatorMax_K: number;
  /** Highest allowed accelerator junction temperature [K]. */
  chipMax_K: number;
  /** Junction-to-radiator thermal resistance lumped over all compute power [K/W]: T_chip = T + R·P_compute (0 = chips at node temperature). */
  chipToRadiator_K_W: number;
  /** Node temperature at the start [K]. */
  initialTemp_K: number;
}

export interface SpacecraftParams {
  solar: SolarArrayParams;
  battery: BatteryParams;
  thermal: ThermalParams;
  /** Platform (bus) load served before compute [W]: avionics, ADCS, links, heaters. */
  busLoad_W: number;
}

/** Inputs the power/thermal stages read: state vectors and status of the fleet, sunlit fraction, dose, demand. */
export interface SpacecraftInputColumns {
  x_m: Float64Array; y_m: Float64Array; z_m: Float64Array;
  vx_m_s: Float64Array; vy_m_s: Float64Array; vz_m_s: Float64Array;
  status: Uint8Array;
  /** 0..1 from the illumination stage (environment/shadow.ts). */
  sunlitFraction: Float64Array;
  /** Accumulated dose [rad(Si)] from the radiation stage; null = no dose loss. */
  dose_rad: Float64Array | null;
  /** Compute power wanted this step [W] (nameplate, or what the scheduler asks for). */
  computeDemand_W: Float64Array;
}

/** Outputs (all per satellite; energies are per step). */
export interface SpacecraftOutputColumns {
  /** Array output delivered to the bus [W]. */
  generated_W: Float64Array;
  /** Power left for compute after the bus load, array plus what the battery delivered [W]. */
  available_W: Float64Array;
  /** Compute power actually served [W]. */
  computePower_W: Float64Array;
  /** Battery state of charge [J]. */
  soc_J: Float64Array;
  /** Load energy not served this step (bus and compute) [J]. */
  shortfall_J: Float64Array;
  /** Part of `shortfall_J` that was bus load [J] (> 0 means the platform itself browned out). */
  busShortfall_J: Float64Array;
  /** Surplus array energy neither used nor stored (battery full or at its charge limit) [J]. */
  clipped_J: Float64Array;
  /** Charge and discharge losses of the battery this step [J] (heat in the bus). */
  batteryLoss_J: Float64Array;
  /** Fraction of compute demand not served, for any reason (0 = none shed, 1 = compute off). */
  throttle: Float64Array;
  /** Fraction of compute demand shed by the thermal limit alone (0..1). */
  thermalThrottle: Float64Array;
  /** Heat dissipated inside the satellite this step [W]. */
  dissipated_W: Float64Array;
  /** Radiator-node temperature [K]. */
  temp_K: Float64Array;
  /** Accelerator junction temperature [K]. */
  chipTemp_K: Float64Array;
}

export type SpacecraftColumns = SpacecraftInputColumns & SpacecraftOutputColumns;

/** One problem with a parameter object: where (dotted field path), what was expected, what came. */
export interface ParamProblem {
  field: string;
  expected: string;
  found: string;
}
