/**
 * Radiation environment: total-ionising-dose rate [rad(Si)/s] behind aluminium shielding, as an
 * orbit average (for design answers) and per position (for the fleet's columns, each step).
 * Units: dose in rad(Si) (1 rad = 0.01 Gy, the unit of the published figures); shielding is an
 * aluminium-equivalent thickness in metres (`shieldAl_m`, 0.010 = 10 mm); "altitude" of the
 * trapped-proton law is the geocentric radius minus the WGS-84 equatorial radius (radiation belts
 * are ordered by the geomagnetic field, i.e. by radius, not by height above the ellipsoid; for a
 * circular orbit it is a − R⊕ and constant).
 *
 * CALIBRATION (the one published number): 150 rad(Si)/yr behind 10 mm Al at 650 km dawn-dusk SSO,
 * i.e. 750 rad(Si) over 5 years (Google, Project Suncatcher, arXiv 2511.19468; REFERENCES.md).
 * Everything else below is a documented law scaled from that point. Far from it (other altitudes,
 * very different shielding) expect a factor-of-~3 uncertainty: use SPENVIS/OMERE for a design review.
 *
 * The dose rate is the sum of three sources, each with its own laws:
 *   rate = C_t · fAlt(h) · (t/t_ref)^−n_t · g_SAA(lat, lon, t)     trapped protons (inner belt, SAA)
 *        + C_p · (t/t_ref)^−n_p · polar(geomagnetic lat)            horn electrons + solar protons
 *        + C_g · (t/t_ref)^−n_g                                     galactic cosmic rays (uniform)
 * with C_x chosen so that at the reference orbit the orbit average is 150 rad/yr split
 * 85 % / 10 % / 5 %. ASSUMPTION (split): behind ≥ 6 mm Al in LEO the trapped protons of the SAA
 * dominate the dose (Gussenhoven et al. 1998, Adv. Space Res. 21(12):1651, APEXRAD: outer-zone
 * electrons matter only for thin shields); GCR give a few rad/yr; the polar share (horn electrons'
 * bremsstrahlung and mission-averaged solar protons over the polar caps) is a judgement.
 *
 * Altitude (trapped term only). ASSUMPTION, a fitted law, not a tabulated model: the dose e-folds
 * over a scale height H that grows with altitude, H(h) = H₀ + k·(h − 650 km), H₀ = 150 km, k = 0.2,
 * which integrates to fAlt(h) = (H(h)/H₀)^(1/k). Why: trapped-proton flux in LEO rises steeply at the
 * inner belt's lower edge (atmospheric loss) and more slowly toward the belt (L ≈ 1.5, ~3,000 km).
 * It gives, behind 10 mm at the SSO reference: ~0.13× at 400 km, ~2.5× at 800 km, ~7× at 1,000 km,
 * ~27× at 1,350 km, ~170× at 2,000 km (tens of krad/yr), the order of magnitude of AP-8 + SHIELDOSE-2
 * dose-vs-altitude curves for circular LEO orbits. Clamped to 200–2,000 km (outside: the end value).
 *
 * Shielding. Each source falls as a power law of the thickness around 10 mm, D ∝ t^−n. For a
 * power-law integral spectrum N(>E) ∝ E^−γ and a range-energy law R ∝ E^p (Bragg–Kleeman, p ≈ 1.75
 * for protons in Al at 10–200 MeV), a slab of thickness t gives D ∝ t^−(p − 1 + γ)/p (integrate the
 * emerging spectrum against the stopping power). ASSUMPTIONS: trapped protons γ ≈ 0.5 (the hard LEO
 * spectrum above ~50 MeV) → n_t = 0.7, matching "shielding beyond ~6 mm is largely ineffectual"
 * (Gussenhoven 1998); polar (soft solar-proton and electron spectra, γ ≈ 2) → n_p = 1.5; GCR → 0.
 * Below 1 mm the 1 mm value is used: there electrons dominate and the law underestimates badly.
 *
 * South Atlantic Anomaly (position of the trapped term): an elliptical Gaussian in geodetic
 * latitude and longitude, g = exp(−½[(Δlat/σ_lat)² + (Δlon/σ_lon)²]), peak 1, with σ_lon larger
 * east of the centre than west of it (the SAA's known extension toward southern Africa).
 * - Centre (−26°, −50°) at 2020.0, drifting west at 0.3°/yr: Fürst et al. 2009 (EPSL 281:125, RXTE at
 *   ~540 km, 1996–2007: "about 0.3°/yr" westward); Ginisty et al. 2023 (EGU23-12704, NOAA-15 SEM-2,
 *   ~7° west from 1998 to 2022). Consistent with the centre at ≈(−30°, −45°) around 2000 (Chandra X-ray
 *   Center FAQ, https://chandra.si.edu/resources/faq/x-ray/x-ray-7.html) drifted 20 years. Latitude drift
 *   (small, solar-cycle dependent) and the solar-cycle change of strength (±tens of %) are not modelled.
 * - Size: at ~500 km the SAA spans −50° to 0° latitude and −90° to +40° longitude (Wikipedia, "South
 *   Atlantic Anomaly", position and shape); the Chandra FAQ gives ~25° in latitude from the centre and
 *   >50 MeV proton flux ~1000× higher at the centre than outside. ASSUMPTION: those extents are where
 *   g falls to 1 % of its peak → σ_lat = 25°/√(2 ln 100) = 8.24°, σ_lon = 40°/3.03 = 13.2° west of the
 *   centre (to −90°) and 90°/3.03 = 29.7° east (to +40°). A narrower SAA (σ_lon ≈ 10°) made one day's
 *   mean depend on the ground-track phase by up to ±35 % at 650 km SSO (≈15 revolutions a day).
 * - The shape does not change with altitude. Above ~1,200 km the inner belt is met at all longitudes
 *   near the magnetic equator, so there the profile places the dose too narrowly (the orbit average
 *   stays as calibrated; only its timing within the orbit is indicative).
 * Polar term: a logistic step in |geomagnetic latitude| at 60° (width 3°, applied in sin φ_m), where
 * horn electrons and solar protons reach LEO; centred dipole, north pole 80.65° N, 72.68° W (IGRF-13, 2020).
 *
 * Orbit averages (and the inclination dependence) are not a separate law: they are the time average
 * of the same position model over a circular orbit, with the argument of latitude uniform in time
 * and the longitude uniform (Earth rotation over a day). So instantaneous = average × profile/⟨profile⟩
 * for that orbit holds by construction, and low-inclination orbits (< ~30°) lose the polar term
 * but spend more time in the SAA latitude band. Normalising constants are computed once per (radius,
 * inclination) by quadrature and cached.
 */
import { ssoInclination_rad } from '../orbit/sso.js';
import { InputError, quoteFound } from '../core/errors.js';
import { hasValidPosition } from '../core/status.js';
import {
  DEG_TO_RAD, F_EARTH, R_EARTH_m, S_PER_JULIAN_YEAR, TWO_PI,
} from '../core/units.js';

/** WGS-84 first eccentricity squared. */
const E2 = F_EARTH * (2 - F_EARTH);

/** Sun-synchronous inclination of a circular orbit [rad]: the one J2 model of src/orbit/sso.ts. */
export function ssoInclinationCircular(a_m: number): number {
  return ssoInclination_rad(a_m, 0);
}

export interface RadiationModelParams {
  /** Orbit-averaged dose at the reference orbit [rad(Si)/yr] (Suncatcher: 150). */
  referenceDose_rad_per_yr: number;
  /** Reference orbit: altitude (a − R⊕) [m], inclination [rad], shielding [m Al]. */
  referenceAltitude_m: number;
  referenceInclination_rad: number;
  referenceShieldAl_m: number;
  /** Shares of the reference dose: trapped protons (SAA), polar (horns + solar protons), galactic; sum 1. */
  trappedFraction: number;
  polarFraction: number;
  galacticFraction: number;
  /** Dose–depth exponents n in D ∝ t^−n. */
  trappedShieldExponent: number;
  polarShieldExponent: number;
  galacticShieldExponent: number;
  /** Below this thickness the law is held at its value here [m]. */
  minShieldAl_m: number;
  /** Altitude law of the trapped term: scale height at the reference altitude [m] and its growth dH/dh (> 0). */
  altitudeScaleHeight_m: number;
  altitudeScaleHeightGrowth: number;
  /** Altitudes outside [min, max] use the end value [m]. */
  minAltitude_m: number;
  maxAltitude_m: number;
  /** SAA centre at `saaEpochUtcMs` [rad], its longitude drift [rad/s] (negative = westward), and widths σ [rad]
   *  (latitude; longitude west and east of the centre: the SAA is lopsided toward southern Africa). */
  saaCenterLat_rad: number;
  saaCenterLon_rad: number;
  saaEpochUtcMs: number;
  saaLonDrift_rad_s: number;
  saaSigmaLat_rad: number;
  saaSigmaLonWest_rad: number;
  saaSigmaLonEast_rad: number;
  /** Centred-dipole north geomagnetic pole [rad], edge of the polar zone in |geomagnetic latitude| and its logistic width [rad]. */
  geomagneticPoleLat_rad: number;
  geomagneticPoleLon_rad: number;
  polarEdgeLat_rad: number;
  polarEdgeWidth_rad: number;
}

/** Beyond 8σ the SAA term is taken as 0 (exp(−32) ≈ 1.3e-14 of the peak): skips the work for most rows. */
const SAA_CUTOFF_SIGMAS = 8;

/** 1 % of peak at the published extents: r = √(2 ln 100). */
const SAA_EDGE_SIGMAS = Math.sqrt(2 * Math.log(100));

export const DEFAULT_RADIATION_PARAMS: Readonly<RadiationModelParams> = Object.freeze({
  referenceDose_rad_per_yr: 150,
  referenceAltitude_m: 650_000,
  referenceInclination_rad: ssoInclinationCircular(R_EARTH_m + 650_000),
  referenceShieldAl_m: 0.010,
  trappedFraction: 0.85,
  polarFraction: 0.10,
  galacticFraction: 0.05,
  trappedShieldExponent: 0.7,
  polarShieldExponent: 1.5,
  galacticShieldExponent: 0,
  minShieldAl_m: 0.001,
  altitudeScaleHeight_m: 150_000,
  altitudeScaleHeightGrowth: 0.2,
  minAltitude_m: 200_000,
  maxAltitude_m: 2_000_000,
  saaCenterLat_rad: -26 * DEG_TO_RAD,
  saaCenterLon_rad: -50 * DEG_TO_RAD,
  saaEpochUtcMs: Date.UTC(2020, 0, 1),
  saaLonDrift_rad_s: (-0.3 * DEG_TO_RAD) / S_PER_JULIAN_YEAR,
  saaSigmaLat_rad: (25 * DEG_TO_RAD) / SAA_EDGE_SIGMAS,
  saaSigmaLonWest_rad: (40 * DEG_TO_RAD) / SAA_EDGE_SIGMAS,
  saaSigmaLonEast_rad: (90 * DEG_TO_RAD) / SAA_EDGE_SIGMAS,
  geomagneticPoleLat_rad: 80.65 * DEG_TO_RAD,
  geomagneticPoleLon_rad: -72.68 * DEG_TO_RAD,
  polarEdgeLat_rad: 60 * DEG_TO_RAD,
  polarEdgeWidth_rad: 3 * DEG_TO_RAD,
});

/** Orbit-averaged dose rate split by source [rad(Si)/s]. */
export interface DoseRateComponents {
  trapped_rad_s: number;
  polar_rad_s: number;
  galactic_rad_s: number;
  total_rad_s: number;
}

/** Profile averages over one circular orbit (uniform argument of latitude and longitude). */
interface OrbitProfileAverages { saa: number; polar: number }

const U_SAMPLES = 720;   // 0.5° steps in argument of latitude (σ_lat ≈ 8°: converged to < 1e-6)
const LON_SAMPLES = 360; // 1° steps in longitude (σ_lon ≈ 10°; periodic, so the midpoint rule is spectral)

export class RadiationEnvironment {
  readonly params: Readonly<RadiationModelParams>;
  private readonly cTrapped_rad_s: number;
  private readonly cPolar_rad_s: number;
  private readonly cGalactic_rad_s: number;
  private readonly cache = new Map<string, OrbitProfileAverages>();
  private readonly sinPole: number;
  private readonly cosPole: number;
  private readonly sinEdge: number;
  private readonly invEdgeWidth: number;

  constructor(overrides: Partial<RadiationModelParams> = {}) {
    const p: RadiationModelParams = { ...DEFAULT_RADIATION_PARAMS, ...overrides };
    validateParams(p);
    this.params = Object.freeze(p);
    this.sinPole = Math.sin(p.geomagneticPoleLat_rad);
    this.cosPole = Math.cos(p.geomagneticPoleLat_rad);
    this.sinEdge = Math.sin(p.polarEdgeLat_rad);
    this.invEdgeWidth = 1 / (Math.cos(p.polarEdgeLat_rad) * p.polarEdgeWidth_rad);
    const ref = this.profileAverages(R_EARTH_m + p.referenceAltitude_m, p.referenceInclination_rad);
    const refRate_rad_s = p.referenceDose_rad_per_yr / S_PER_JULIAN_YEAR;
    // fAlt(reference) = 1 and every shielding factor is 1 at the reference thickness.
    this.cTrapped_rad_s = (refRate_rad_s * p.trappedFraction) / ref.saa;
    this.cPolar_rad_s = ref.polar > 0 ? (refRate_rad_s * p.polarFraction) / ref.polar : 0;
    this.cGalactic_rad_s = refRate_rad_s * p.galacticFraction;
  }

  /** Trapped-proton altitude factor fAlt (1 at the reference altitude); h = radius − R⊕ [m]. */
  altitudeFactor(altitude_m: number): number {
    const p = this.params;
    const h = Math.min(Math.max(altitude_m, p.minAltitude_m), p.maxAltitude_m);
    const H = p.altitudeScaleHeight_m + p.altitudeScaleHeightGrowth * (h - p.referenceAltitude_m);
    return Math.pow(H / p.altitudeScaleHeight_m, 1 / p.altitudeScaleHeightGrowth);
  }

  /** Shielding factors (1 at the reference thickness) for the three sources. */
  shieldFactors(shieldAl_m: number): { trapped: number; polar: number; galactic: number } {
    const p = this.params;
    const x = Math.max(shieldAl_m, p.minShieldAl_m) / p.referenceShieldAl_m;
    return {
      trapped: Math.pow(x, -p.trappedShieldExponent),
      polar: Math.pow(x, -p.polarShieldExponent),
      galactic: Math.pow(x, -p.galacticShieldExponent),
    };
  }

  /** Geodetic position of the SAA centre at a UTC instant [rad]. */
  saaCenter(utcMs: number): { lat_rad: number; lon_rad: number } {
    const p = this.params;
    const lon = p.saaCenterLon_rad + p.saaLonDrift_rad_s * ((utcMs - p.saaEpochUtcMs) / 1000);
    return { lat_rad: p.saaCenterLat_rad, lon_rad: wrapToPi(lon) };
  }

  /** SAA profile g ∈ (0, 1] at a geodetic position (1 at the centre). */
  saaProfile(lat_rad: number, lon_rad: number, utcMs: number): number {
    const c = this.saaCenter(utcMs);
    return saaGaussian(lat_rad - c.lat_rad, wrapToPi(lon_rad - c.lon_rad), this.params);
  }

  /** Polar-zone weight ∈ (0, 1) at a geodetic position (≈1 above 60° geomagnetic latitude). */
  polarProfile(lat_rad: number, lon_rad: number): number {
    return this.polarWeight(Math.sin(lat_rad), Math.cos(lat_rad), lon_rad);
  }

  /**
   * Orbit-averaged dose rate [rad(Si)/s] of a circular orbit, split by source. altitude_m = a − R⊕
   * (WGS-84 equatorial); inclination in [0, π]; shielding ≥ 0 [m Al].
   */
  orbitAverageComponents(altitude_m: number, inclination_rad: number, shieldAl_m: number): DoseRateComponents {
    checkFinite(altitude_m, 'altitude_m', 'an altitude above the Earth [m], > 0', altitude_m > 0);
    checkFinite(inclination_rad, 'inclination_rad', 'an inclination in [0, π] rad', inclination_rad >= 0 && inclination_rad <= Math.PI);
    checkFinite(shieldAl_m, 'shieldAl_m', 'an aluminium thickness ≥ 0 [m]', shieldAl_m >= 0);
    const avg = this.profileAverages(R_EARTH_m + altitude_m, inclination_rad);
    const s = this.shieldFactors(shieldAl_m);
    const trapped = this.cTrapped_rad_s * this.altitudeFactor(altitude_m) * s.trapped * avg.saa;
    const polar = this.cPolar_rad_s * s.polar * avg.polar;
    const galactic = this.cGalactic_rad_s * s.galactic;
    return { trapped_rad_s: trapped, polar_rad_s: polar, galactic_rad_s: galactic, total_rad_s: trapped + polar + galactic };
  }

  /** Orbit-averaged dose rate [rad(Si)/s] of a circular orbit (see orbitAverageComponents). */
  orbitAverageDoseRate_rad_s(altitude_m: number, inclination_rad: number, shieldAl_m: number): number {
    return this.orbitAverageComponents(altitude_m, inclination_rad, shieldAl_m).total_rad_s;
  }

  /**
   * Instantaneous dose rate [rad(Si)/s] at one geodetic position (WGS-84 lat/lon [rad], height above
   * the ellipsoid [m]) at a UTC instant. The scalar reference kernel; `doseRateBatch` is its fast twin.
   */
  doseRate_rad_s(lat_rad: number, lon_rad: number, alt_m: number, shieldAl_m: number, utcMs: number): number {
    const s = this.shieldFactors(shieldAl_m);
    const c = this.saaCenter(utcMs);
    const sinLat = Math.sin(lat_rad), cosLat = Math.cos(lat_rad);
    const h = radialAltitude(sinLat, cosLat, alt_m);
    const g = saaGaussian(lat_rad - c.lat_rad, wrapToPi(lon_rad - c.lon_rad), this.params);
    return this.cTrapped_rad_s * s.trapped * this.altitudeFactor(h) * g
      + this.cPolar_rad_s * s.polar * this.polarWeight(sinLat, cosLat, lon_rad)
      + this.cGalactic_rad_s * s.galactic;
  }

  /**
   * Instantaneous dose rate for rows [from, to) of geodetic columns, into `out` [rad(Si)/s].
   * `shieldAl_m` is one thickness for all rows or a column per row. Rows whose `status` (when given)
   * has no valid position, or whose altitude is not a number, get 0. Allocates nothing per row.
   */
  doseRateBatch(
    lat_rad: Float64Array, lon_rad: Float64Array, alt_m: Float64Array, shieldAl_m: number | Float64Array,
    utcMs: number, out: Float64Array, from = 0, to = lat_rad.length, status?: Uint8Array,
  ): void {
    const p = this.params;
    const c = this.saaCenter(utcMs);
    const scalarShield = typeof shieldAl_m === 'number';
    const s0 = this.shieldFactors(scalarShield ? shieldAl_m : p.referenceShieldAl_m);
    let sT = s0.trapped, sP = s0.polar, sG = s0.galactic;
    const cT = this.cTrapped_rad_s, cP = this.cPolar_rad_s, cG = this.cGalactic_rad_s;
    const hMin = p.minAltitude_m, hMax = p.maxAltitude_m, H0 = p.altitudeScaleHeight_m, k = p.altitudeScaleHeightGrowth;
    const invK = 1 / k, href = p.referenceAltitude_m;
    // fAlt = (H/H₀)^(1/k) with 1/k = 5 by default: by multiplication when 1/k is a small integer
    // (Math.pow is a third of this loop; the product is within 4 ulp of it, < 1e-15 relative).
    const powN = Number.isInteger(invK) && invK >= 1 && invK <= 8 ? invK : 0;
    const invSLat = 1 / p.saaSigmaLat_rad, invSW = 1 / p.saaSigmaLonWest_rad, invSE = 1 / p.saaSigmaLonEast_rad;
    for (let i = from; i < to; i++) {
      const alt = alt_m[i]!;
      if ((status !== undefined && !hasValidPosition(status[i]!)) || alt !== alt) { out[i] = 0; continue; }
      if (!scalarShield) {
        const x = Math.max(shieldAl_m[i]!, p.minShieldAl_m) / p.referenceShieldAl_m;
        sT = Math.pow(x, -p.trappedShieldExponent); sP = Math.pow(x, -p.polarShieldExponent); sG = Math.pow(x, -p.galacticShieldExponent);
      }
      const lat = lat_rad[i]!, lon = lon_rad[i]!;
      const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
      let trapped = 0;
      const a = (lat - c.lat_rad) * invSLat;
      if (a < SAA_CUTOFF_SIGMAS && a > -SAA_CUTOFF_SIGMAS) {
        const w = wrapToPi(lon - c.lon_rad);
        const b = w * (w < 0 ? invSW : invSE);
        const q = a * a + b * b;
        if (q < SAA_CUTOFF_SIGMAS * SAA_CUTOFF_SIGMAS) {
          let h = radialAltitude(sinLat, cosLat, alt);
          h = h < hMin ? hMin : h > hMax ? hMax : h;
          const base = (H0 + k * (h - href)) / H0;
          let fAlt: number;
          if (powN === 0) fAlt = Math.pow(base, invK);
          else { fAlt = base; for (let m = 1; m < powN; m++) fAlt *= base; }
          trapped = cT * sT * fAlt * Math.exp(-0.5 * q);
        }
      }
      out[i] = trapped + cP * sP * this.polarWeight(sinLat, cosLat, lon) + cG * sG;
    }
  }

  /**
   * Dose rate [rad(Si)/s] at rows [from, to) of inertial positions [m] (mean-of-date or TEME) into
   * `out`, for the twin's fleet: Earth-fixed by a rotation θ about z (GMST [rad]), latitude
   * geocentric asin(z/r) (≤ 0.19° from geodetic, nothing at the SAA's ~10° scale), longitude
   * atan2(y_ef, x_ef), height r − R⊕(1 − f·sin²φ) over the local ellipsoid radius; then the model of
   * `doseRateBatch` on those coordinates. Why a separate kernel: sin and cos of the latitude are
   * z/r and ρ/r, and the polar term's cos(λ − λ_pole) is (x_ef cos λ_p + y_ef sin λ_p)/ρ, which
   * saves three of the seven transcendental calls a row (the same values within 1e-13 relative,
   * radiation.test.ts). Rows without a valid position (`status`) get 0.
   */
  doseRateEciBatch(
    x_m: Float64Array, y_m: Float64Array, z_m: Float64Array, theta_rad: number, shieldAl_m: number,
    utcMs: number, out: Float64Array, from: number, to: number, status?: Uint8Array,
  ): void {
    const p = this.params;
    const c = this.saaCenter(utcMs);
    const s0 = this.shieldFactors(shieldAl_m);
    const kT = this.cTrapped_rad_s * s0.trapped, kP = this.cPolar_rad_s * s0.polar, kG = this.cGalactic_rad_s * s0.galactic;
    const hMin = p.minAltitude_m, hMax = p.maxAltitude_m, H0 = p.altitudeScaleHeight_m, k = p.altitudeScaleHeightGrowth;
    const invK = 1 / k, href = p.referenceAltitude_m;
    const powN = Number.isInteger(invK) && invK >= 1 && invK <= 8 ? invK : 0; // as in doseRateBatch
    const invSLat = 1 / p.saaSigmaLat_rad, invSW = 1 / p.saaSigmaLonWest_rad, invSE = 1 / p.saaSigmaLonEast_rad;
    const cLat = c.lat_rad, cLon = c.lon_rad;
    const ct = Math.cos(theta_rad), st = Math.sin(theta_rad);
    const poleLon = p.geomagneticPoleLon_rad, cpl = Math.cos(poleLon), spl = Math.sin(poleLon);
    const sinPole = this.sinPole, cosPole = this.cosPole, sinEdge = this.sinEdge, invEdge = this.invEdgeWidth;
    for (let i = from; i < to; i++) {
      if (status !== undefined && !hasValidPosition(status[i]!)) { out[i] = 0; continue; }
      const x = x_m[i]!, y = y_m[i]!, z = z_m[i]!;
      const rho2 = x * x + y * y;
      const r = Math.sqrt(rho2 + z * z);
      if (!(r > 0)) { out[i] = 0; continue; }
      const sinLat = z / r, rho = Math.sqrt(rho2), cosLat = rho / r;
      const xe = ct * x + st * y, ye = -st * x + ct * y;
      const lat = Math.asin(sinLat), lon = Math.atan2(ye, xe);
      let trapped = 0;
      const a = (lat - cLat) * invSLat;
      if (a < SAA_CUTOFF_SIGMAS && a > -SAA_CUTOFF_SIGMAS) {
        const w = wrapToPi(lon - cLon);
        const b = w * (w < 0 ? invSW : invSE);
        const q = a * a + b * b;
        if (q < SAA_CUTOFF_SIGMAS * SAA_CUTOFF_SIGMAS) {
          const alt = r - R_EARTH_m * (1 - F_EARTH * sinLat * sinLat);
          let h = radialAltitude(sinLat, cosLat, alt);
          h = h < hMin ? hMin : h > hMax ? hMax : h;
          const base = (H0 + k * (h - href)) / H0;
          let fAlt: number;
          if (powN === 0) fAlt = Math.pow(base, invK);
          else { fAlt = base; for (let m = 1; m < powN; m++) fAlt *= base; }
          trapped = kT * fAlt * Math.exp(-0.5 * q);
        }
      }
      // Polar term (polarWeight), cos(λ − λ_pole) from the Earth-fixed components (on the axis: λ = 0, as atan2 gives).
      const cosDl = rho > 0 ? (xe * cpl + ye * spl) / rho : cpl;
      const sm = sinLat * sinPole + cosLat * cosPole * cosDl;
      const xp = ((sm < 0 ? -sm : sm) - sinEdge) * invEdge;
      const polar = xp < -40 ? 0 : xp > 40 ? 1 : 1 / (1 + Math.exp(-xp));
      out[i] = trapped + kP * polar + kG;
    }
  }

  /**
   * Instantaneous rate over the orbit average of the circular orbit with this position's radius and
   * the given inclination: > 1 inside the SAA, < 1 outside; its time average over a day is ≈ 1.
   */
  multiplier(lat_rad: number, lon_rad: number, alt_m: number, inclination_rad: number, shieldAl_m: number, utcMs: number): number {
    const h = radialAltitude(Math.sin(lat_rad), Math.cos(lat_rad), alt_m);
    return this.doseRate_rad_s(lat_rad, lon_rad, alt_m, shieldAl_m, utcMs) / this.orbitAverageDoseRate_rad_s(h, inclination_rad, shieldAl_m);
  }

  /**
   * Logistic step in |sin(geomagnetic latitude)| at sin(edge), width cos(edge)·w: to first order the
   * same step as in the angle (edge 60°, width 3°), without an asin per row.
   */
  private polarWeight(sinLat: number, cosLat: number, lon_rad: number): number {
    const sm = sinLat * this.sinPole + cosLat * this.cosPole * Math.cos(lon_rad - this.params.geomagneticPoleLon_rad);
    const x = ((sm < 0 ? -sm : sm) - this.sinEdge) * this.invEdgeWidth;
    return x < -40 ? 0 : x > 40 ? 1 : 1 / (1 + Math.exp(-x));
  }

  /**
   * Time averages of the SAA and polar profiles over a circular orbit of radius r: the argument of
   * latitude u is uniform; the longitude is uniform (over a day the Earth turns under the orbit).
   * Geocentric latitude asin(sin i sin u) is turned geodetic with tan φ_gd = tan φ_gc / (1 − e²·R⊕/r).
   */
  private profileAverages(r_m: number, inclination_rad: number): OrbitProfileAverages {
    const key = `${r_m}|${inclination_rad}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const p = this.params;
    const sinI = Math.sin(inclination_rad);
    const shrink = 1 - (E2 * R_EARTH_m) / r_m;
    // SAA Gaussian is separable: ⟨g⟩ = ⟨g_lat⟩_u · ⟨g_lon⟩_λ.
    let lonMean = 0;
    for (let j = 0; j < LON_SAMPLES; j++) {
      const w = wrapToPi(((j + 0.5) / LON_SAMPLES) * TWO_PI - Math.PI - p.saaCenterLon_rad);
      const d = w / (w < 0 ? p.saaSigmaLonWest_rad : p.saaSigmaLonEast_rad);
      lonMean += Math.exp(-0.5 * d * d);
    }
    lonMean /= LON_SAMPLES;
    let latMean = 0, polar = 0;
    for (let k = 0; k < U_SAMPLES; k++) {
      const u = ((k + 0.5) / U_SAMPLES) * TWO_PI;
      const sinGc = sinI * Math.sin(u);
      const cosGc = Math.sqrt(Math.max(0, 1 - sinGc * sinGc));
      const lat = Math.atan2(sinGc, cosGc * shrink);
      const d = (lat - p.saaCenterLat_rad) / p.saaSigmaLat_rad;
      latMean += Math.exp(-0.5 * d * d);
      if (this.params.polarFraction > 0 && k % 2 === 0) {
        const sinLat = Math.sin(lat), cosLat = Math.cos(lat);
        let row = 0;
        for (let j = 0; j < LON_SAMPLES; j += 2) row += this.polarWeight(sinLat, cosLat, ((j + 0.5) / LON_SAMPLES) * TWO_PI - Math.PI);
        polar += row / (LON_SAMPLES / 2);
      }
    }
    const out = { saa: (latMean / U_SAMPLES) * lonMean, polar: polar / (U_SAMPLES / 2) };
    this.cache.set(key, out);
    return out;
  }
}

/** SAA Gaussian; exactly 0 beyond SAA_CUTOFF_SIGMAS (where it is < 1.3e-14 of its peak). */
function saaGaussian(dLat_rad: number, dLon_rad: number, p: Readonly<RadiationModelParams>): number {
  const a = dLat_rad / p.saaSigmaLat_rad, b = dLon_rad / (dLon_rad < 0 ? p.saaSigmaLonWest_rad : p.saaSigmaLonEast_rad);
  const q = a * a + b * b;
  return q < SAA_CUTOFF_SIGMAS * SAA_CUTOFF_SIGMAS ? Math.exp(-0.5 * q) : 0;
}

/** Geocentric radius − R⊕ [m] of a point at geodetic latitude (sin, cos) and ellipsoidal height h. */
function radialAltitude(sinLat: number, cosLat: number, h_m: number): number {
  const N = R_EARTH_m / Math.sqrt(1 - E2 * sinLat * sinLat);
  const rho = (N + h_m) * cosLat;
  const z = (N * (1 - E2) + h_m) * sinLat;
  return Math.sqrt(rho * rho + z * z) - R_EARTH_m;
}

function wrapToPi(a: number): number {
  if (a >= -Math.PI && a < Math.PI) return a;
  const r = (a + Math.PI) % TWO_PI;
  return (r < 0 ? r + TWO_PI : r) - Math.PI;
}

function checkFinite(value: number, field: string, expected: string, ok: boolean): void {
  if (!Number.isFinite(value) || !ok) throw new InputError('radiation model input out of range', { field, expected, found: quoteFound(value) });
}

function validateParams(p: RadiationModelParams): void {
  const positive: (keyof RadiationModelParams)[] = [
    'referenceDose_rad_per_yr', 'referenceAltitude_m', 'referenceShieldAl_m', 'minShieldAl_m', 'altitudeScaleHeight_m',
    'altitudeScaleHeightGrowth', 'minAltitude_m', 'maxAltitude_m', 'saaSigmaLat_rad', 'saaSigmaLonWest_rad', 'saaSigmaLonEast_rad', 'polarEdgeWidth_rad',
  ];
  for (const f of positive) checkFinite(p[f], f, 'a finite number > 0', p[f] > 0);
  for (const f of ['trappedFraction', 'polarFraction', 'galacticFraction'] as const) checkFinite(p[f], f, 'a fraction in [0, 1]', p[f] >= 0 && p[f] <= 1);
  const sum = p.trappedFraction + p.polarFraction + p.galacticFraction;
  checkFinite(sum, 'trappedFraction+polarFraction+galacticFraction', 'fractions summing to 1 (±1e-9)', Math.abs(sum - 1) < 1e-9);
  checkFinite(p.maxAltitude_m, 'maxAltitude_m', 'maxAltitude_m > minAltitude_m', p.maxAltitude_m > p.minAltitude_m);
  // The scale height must stay positive over the clamped altitude range.
  const hLow = p.altitudeScaleHeight_m + p.altitudeScaleHeightGrowth * (p.minAltitude_m - p.referenceAltitude_m);
  checkFinite(hLow, 'altitudeScaleHeight_m', 'a scale height still > 0 at minAltitude_m', hLow > 0);
  for (const f of ['trappedShieldExponent', 'polarShieldExponent', 'galacticShieldExponent', 'saaCenterLat_rad', 'saaCenterLon_rad',
    'saaEpochUtcMs', 'saaLonDrift_rad_s', 'geomagneticPoleLat_rad', 'geomagneticPoleLon_rad', 'polarEdgeLat_rad', 'referenceInclination_rad'] as const) {
    checkFinite(p[f], f, 'a finite number', true);
  }
}

let defaultEnv: RadiationEnvironment | undefined;

/** The environment with DEFAULT_RADIATION_PARAMS (built once, on first use). */
export function defaultRadiationEnvironment(): RadiationEnvironment {
  defaultEnv ??= new RadiationEnvironment();
  return defaultEnv;
}

/** Orbit-averaged dose rate [rad(Si)/s] with the default model (see RadiationEnvironment). */
export function orbitAverageDoseRate_rad_s(altitude_m: number, inclination_rad: number, shieldAl_m: number): number {
  return defaultRadiationEnvironment().orbitAverageDoseRate_rad_s(altitude_m, inclination_rad, shieldAl_m);
}

/** Geodetic coordinates on WGS-84: latitude and longitude [rad], height above the ellipsoid [m]. */
export interface Geodetic { lat_rad: number; lon_rad: number; alt_m: number }

const B_EARTH_m = R_EARTH_m * (1 - F_EARTH);
const EP2 = E2 / (1 - E2);

/**
 * ECEF [m] → WGS-84 geodetic, Bowring's (1976) parametric-latitude formula iterated twice: below
 * 1e-12 rad and 1e-6 m everywhere outside the Earth's core (one pass is ~1e-9 rad at LEO). Height by
 * h = p·cos φ + z·sin φ − a·√(1 − e² sin² φ), stable at the poles.
 */
export function ecefToGeodetic(x_m: number, y_m: number, z_m: number, out: Geodetic = { lat_rad: 0, lon_rad: 0, alt_m: 0 }): Geodetic {
  const p = Math.sqrt(x_m * x_m + y_m * y_m);
  let beta = Math.atan2(z_m * R_EARTH_m, p * B_EARTH_m);
  let phi = 0;
  for (let it = 0; it < 2; it++) {
    const s = Math.sin(beta), c = Math.cos(beta);
    phi = Math.atan2(z_m + EP2 * B_EARTH_m * s * s * s, p - E2 * R_EARTH_m * c * c * c);
    beta = Math.atan2((1 - F_EARTH) * Math.sin(phi), Math.cos(phi));
  }
  const sp = Math.sin(phi);
  out.lat_rad = phi;
  out.lon_rad = Math.atan2(y_m, x_m);
  out.alt_m = p * Math.cos(phi) + z_m * sp - R_EARTH_m * Math.sqrt(1 - E2 * sp * sp);
  return out;
}

/** Batch ECEF → geodetic over rows [from, to) of column arrays; allocates one scratch object per call. */
export function ecefToGeodeticBatch(
  x_m: Float64Array, y_m: Float64Array, z_m: Float64Array,
  lat_rad: Float64Array, lon_rad: Float64Array, alt_m: Float64Array, from = 0, to = x_m.length,
): void {
  const g: Geodetic = { lat_rad: 0, lon_rad: 0, alt_m: 0 };
  for (let i = from; i < to; i++) {
    ecefToGeodetic(x_m[i]!, y_m[i]!, z_m[i]!, g);
    lat_rad[i] = g.lat_rad; lon_rad[i] = g.lon_rad; alt_m[i] = g.alt_m;
  }
}
