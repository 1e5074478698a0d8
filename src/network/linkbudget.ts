/**
 * Optical inter-satellite link budget: received power and data rate versus distance.
 *
 * Far field (Friis). P_R = P_T·G_T·G_R·(λ/4πd)²·L. With Project Suncatcher's published
 * parameters (Google, arXiv 2511.19468; REFERENCES.md): P_T = 5 W, G = 105.1 dB each end,
 * λ = 1.55 µm, L = −3 dB, this gives 1.597 µW at 5,000 km ("about 1.6 µW"). A gain of 105.1 dB is
 * the diffraction-limited gain (πD/λ)² of a D = λ·√G/π = 8.9 cm aperture, i.e. the ~10 cm beams
 * the paper's near-field figure uses.
 *
 * Receiver sensitivity (our model, calibrated to the paper). Suncatcher states that DWDM
 * 24 × 400 Gb/s = 9.6 Tb/s per aperture needs ~0.24 mW received. We read that as a constant
 * energy per bit E_b = 0.24 mW / 9.6 Tb/s = 25 aJ/bit (≈ 195 photons/bit at 1.55 µm, where one
 * photon carries hc/λ = 1.28e-19 J), so a power-limited link carries R = P_R/E_b, and one aperture
 * never more than its transceivers' 9.6 Tb/s. R reaches that cap at d ≈ 408 km; at 5,000 km it is
 * ~64 Gb/s. Real receivers step down in whole DWDM channels and modulation formats; the constant
 * E_b is the smooth envelope of those steps.
 *
 * Near field (multi-beam). Friis holds beyond the near-field (Rayleigh) distance d_nf = πa²/λ of a
 * beam of radius a (a = 5 cm: 5.07 km, the paper's "~5 km for a 10 cm beam"). Below it nearly all
 * transmitted power arrives, and the aperture can be split into N sub-apertures of radius a/√N,
 * each its own beam with its own transceivers, as long as each sub-beam is still in its near field:
 * π(a²/N)/λ ≥ d, i.e. N ≤ d_nf/d. Capacity then grows as 1/d (N beams × one beam's rate) instead
 * of as 1/d². We take N = d_nf/d continuous (the envelope of integer beam counts; `beamCount`
 * gives the integer one), so capacity is continuous at d_nf: C(d) = C_far(d_nf)·d_nf/d, capped
 * by `maxBeams` (the number of transceivers a terminal carries; unlimited by default, the law as
 * published).
 *
 * Re-pointing. A terminal that changes partner (or regains one after an outage) slews and then
 * acquires: t = acquisition_s + angle/slewRate. Defaults are ASSUMPTIONS: 30 s acquisition (LEO
 * optical links report 30–60 s pointing-acquisition-tracking delays, studies of NASA/ESA data as
 * summarised in 2026 reporting; laser-ISL setup delay "in the order of seconds", Chaudhry &
 * Yanikomeroglu 2021) and 2°/s coarse-pointing slew.
 */
import { InputError, quoteFound } from '../core/errors.js';
import { C_LIGHT_m_s, DEG_TO_RAD } from '../core/units.js';

/** Planck constant [J·s] (SI 2019, exact). */
export const PLANCK_J_s = 6.62607015e-34;

/** Parameters of one optical terminal pair (both ends alike). SI units, gains and losses in dB. */
export interface OpticalLinkParams {
  /** Transmit optical power [W]. */
  transmitPower_W: number;
  /** Transmit antenna gain [dB]. */
  gainTx_dB: number;
  /** Receive antenna gain [dB]. */
  gainRx_dB: number;
  /** Wavelength [m]. */
  wavelength_m: number;
  /** Other losses [dB], negative (pointing, optics, coupling): −3 in the Suncatcher budget. */
  losses_dB: number;
  /** Received energy per bit the receiver needs [J/bit]. */
  energyPerBit_J: number;
  /** Most one beam (one set of DWDM transceivers) carries [bit/s]. */
  maxRatePerBeam_bps: number;
  /** Beam (aperture) radius a [m] for the near-field distance πa²/λ. */
  beamRadius_m: number;
  /** Most beams one aperture can be split into (transceiver sets per terminal). */
  maxBeams: number;
  /** Acquisition time once pointed [s]. */
  acquisition_s: number;
  /** Coarse-pointing slew rate [rad/s]. */
  slewRate_rad_s: number;
}

/** Suncatcher's DWDM figure: 24 channels × 400 Gb/s per aperture [bit/s]. */
export const SUNCATCHER_DWDM_bps = 24 * 400e9;
/** Suncatcher's received power for that rate [W]. */
export const SUNCATCHER_DWDM_POWER_W = 0.24e-3;

/** Project Suncatcher's published link budget (arXiv 2511.19468), plus our documented assumptions. */
export const SUNCATCHER_LINK: Readonly<OpticalLinkParams> = Object.freeze({
  transmitPower_W: 5,
  gainTx_dB: 105.1,
  gainRx_dB: 105.1,
  wavelength_m: 1.55e-6,
  losses_dB: -3,
  energyPerBit_J: SUNCATCHER_DWDM_POWER_W / SUNCATCHER_DWDM_bps,
  maxRatePerBeam_bps: SUNCATCHER_DWDM_bps,
  // 10 cm beam diameter (the paper's near-field example).
  beamRadius_m: 0.05,
  maxBeams: Number.POSITIVE_INFINITY,
  acquisition_s: 30,
  slewRate_rad_s: 2 * DEG_TO_RAD,
});

const dbToLinear = (db: number): number => 10 ** (db / 10);

/** Check parameters once at an edge (scenario, CLI); hot loops trust them. */
export function checkLinkParams(p: OpticalLinkParams, where = 'link'): void {
  const positive: Array<keyof OpticalLinkParams> = ['transmitPower_W', 'wavelength_m', 'energyPerBit_J', 'maxRatePerBeam_bps', 'beamRadius_m', 'slewRate_rad_s'];
  for (const k of positive) {
    const v = p[k];
    if (!(v > 0)) throw new InputError('link parameter out of range', { field: `${where}.${k}`, expected: 'a value > 0', found: quoteFound(v) }, 'E_RANGE');
  }
  if (!(p.maxBeams >= 1)) throw new InputError('link parameter out of range', { field: `${where}.maxBeams`, expected: 'at least 1 beam', found: quoteFound(p.maxBeams) }, 'E_RANGE');
  if (!(p.acquisition_s >= 0)) throw new InputError('link parameter out of range', { field: `${where}.acquisition_s`, expected: 'a time ≥ 0 s', found: quoteFound(p.acquisition_s) }, 'E_RANGE');
  for (const k of ['gainTx_dB', 'gainRx_dB', 'losses_dB'] as const) {
    if (!Number.isFinite(p[k])) throw new InputError('link parameter out of range', { field: `${where}.${k}`, expected: 'a finite value [dB]', found: quoteFound(p[k]) }, 'E_RANGE');
  }
}

/** Far-field received power [W] by Friis at distance d_m (no near-field cap). */
export function friisReceivedPower_W(d_m: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  const k = p.wavelength_m / (4 * Math.PI * d_m);
  return p.transmitPower_W * dbToLinear(p.gainTx_dB + p.gainRx_dB + p.losses_dB) * k * k;
}

/**
 * Received power [W] at any distance: Friis, but never more than P_T·L (in the near field the
 * receiving aperture collects the whole beam; Friis would give more than was sent).
 */
export function receivedPower_W(d_m: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  return Math.min(friisReceivedPower_W(d_m, p), p.transmitPower_W * dbToLinear(p.losses_dB));
}

/** Near-field (Rayleigh) distance πa²/λ [m] of the full aperture. */
export function nearFieldDistance_m(p: OpticalLinkParams = SUNCATCHER_LINK): number {
  return (Math.PI * p.beamRadius_m * p.beamRadius_m) / p.wavelength_m;
}

/** Rate one beam carries at distance d_m [bit/s]: power-limited P_R/E_b, at most maxRatePerBeam. */
export function singleBeamCapacity_bps(d_m: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  return Math.min(friisReceivedPower_W(d_m, p) / p.energyPerBit_J, p.maxRatePerBeam_bps);
}

/** Integer number of beams the aperture splits into at d_m: ⌊d_nf/d⌋ within [1, maxBeams]. */
export function beamCount(d_m: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  const dnf = nearFieldDistance_m(p);
  return d_m >= dnf ? 1 : Math.max(1, Math.min(p.maxBeams, Math.floor(dnf / d_m)));
}

/**
 * Capacity of one link [bit/s] at distance d_m > 0 (see the module comment): far field
 * min(P_R/E_b, R_beam); near field C_far(d_nf)·min(d_nf/d, maxBeams). 0 for d ≤ 0 or NaN.
 */
export function linkCapacity_bps(d_m: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  if (!(d_m > 0)) return 0;
  const dnf = (Math.PI * p.beamRadius_m * p.beamRadius_m) / p.wavelength_m;
  if (d_m >= dnf) return singleBeamCapacity_bps(d_m, p);
  return singleBeamCapacity_bps(dnf, p) * Math.min(dnf / d_m, p.maxBeams);
}

/**
 * Precomputed constants of `linkCapacity_bps` for hot loops (millions of links per step):
 * capacity(d) without re-deriving dB and d_nf each call. Same results to the last bit.
 */
export class LinkCapacityModel {
  readonly params: OpticalLinkParams;
  readonly nearField_m: number;
  private readonly friisK: number;
  private readonly nearCapacity_bps: number;

  constructor(p: OpticalLinkParams = SUNCATCHER_LINK) {
    checkLinkParams(p);
    this.params = p;
    this.nearField_m = nearFieldDistance_m(p);
    this.friisK = p.transmitPower_W * dbToLinear(p.gainTx_dB + p.gainRx_dB + p.losses_dB);
    this.nearCapacity_bps = singleBeamCapacity_bps(this.nearField_m, p);
  }

  capacity_bps(d_m: number): number {
    if (!(d_m > 0)) return 0;
    const p = this.params;
    if (d_m >= this.nearField_m) {
      const k = p.wavelength_m / (4 * Math.PI * d_m);
      return Math.min((this.friisK * k * k) / p.energyPerBit_J, p.maxRatePerBeam_bps);
    }
    return this.nearCapacity_bps * Math.min(this.nearField_m / d_m, p.maxBeams);
  }
}

/** Time [s] before a link carries data after its terminal turned by angle_rad: slew + acquisition. */
export function repointTime_s(angle_rad: number, p: OpticalLinkParams = SUNCATCHER_LINK): number {
  return p.acquisition_s + Math.abs(angle_rad) / p.slewRate_rad_s;
}

/** One-way light time over d_m in vacuum [s]. */
export function lightTime_s(d_m: number): number {
  return d_m / C_LIGHT_m_s;
}

/** Energy of one photon at wavelength λ [J]: hc/λ. */
export function photonEnergy_J(wavelength_m: number): number {
  return (PLANCK_J_s * C_LIGHT_m_s) / wavelength_m;
}
