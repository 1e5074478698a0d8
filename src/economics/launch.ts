/**
 * Launch price on a learning curve (Wright's law): each doubling of the world's cumulative mass
 * launched takes a fixed fraction off the price per kg. Suncatcher (arXiv 2511.19468) reads ~20%
 * per doubling from SpaceX's history and projects ≲$200/kg by the mid-2030s on that basis.
 *
 *   p(M) = p0 · (M / M0)^b,   b = log2(1 − learning_rate)     (b = −0.322 at 20%)
 *
 * Masses are in kg here; prices in USD/kg.
 */
import { InputError } from '../core/errors.js';

/** Exponent b of the price curve for a learning rate (fraction off per doubling). */
export function learningExponent(learningRate: number): number {
  if (!(learningRate >= 0 && learningRate < 1)) {
    throw new InputError('learning rate out of range', { field: 'economics.launch.learning_rate', expected: '0 ≤ rate < 1 (fraction off per doubling)', found: String(learningRate) });
  }
  return Math.log2(1 - learningRate);
}

/** Price per kg once the world's cumulative launched mass has grown from `m0_kg` to `m_kg`. */
export function priceAtCumulativeMass(price0_per_kg: number, learningRate: number, m0_kg: number, m_kg: number): number {
  if (!(m0_kg > 0)) throw new InputError('reference cumulative mass must be positive', { field: 'economics.launch.cumulative_t', expected: '> 0', found: String(m0_kg / 1000) });
  return price0_per_kg * (Math.max(m_kg, m0_kg) / m0_kg) ** learningExponent(learningRate);
}

/** Price after `doublings` doublings of cumulative mass (0.8³ = 0.512 of the start at 20%). */
export function priceAfterDoublings(price0_per_kg: number, learningRate: number, doublings: number): number {
  return price0_per_kg * (1 - learningRate) ** doublings;
}

/**
 * Mean price per kg paid for a program that launches `programMass_kg` on top of a world cumulative
 * mass of `m0_kg`, its own launches moving it down the curve:
 *   (1/ΔM) ∫ p0 (m/M0)^b dm over [M0, M0 + ΔM] = p0 · M0 · ((1 + ΔM/M0)^(b+1) − 1) / ((b + 1) ΔM).
 * For a small program (ΔM ≪ M0) this is p0; for SpaceX's million tonnes it is a fraction of it.
 */
export function meanPriceOverProgram(price0_per_kg: number, learningRate: number, m0_kg: number, programMass_kg: number): number {
  const b = learningExponent(learningRate);
  if (!(m0_kg > 0)) throw new InputError('reference cumulative mass must be positive', { field: 'economics.launch.cumulative_t', expected: '> 0', found: String(m0_kg / 1000) });
  if (!(programMass_kg > 0)) return price0_per_kg;
  const x = programMass_kg / m0_kg;
  // b + 1 = 0 would need a 50% learning rate; b ≥ −1 for any rate below that, and the limit is a log.
  if (Math.abs(b + 1) < 1e-12) return (price0_per_kg * Math.log1p(x)) / x;
  // expm1/log1p keep the small-program case exact (x ~ 1e-6 for one satellite).
  return (price0_per_kg * Math.expm1((b + 1) * Math.log1p(x))) / ((b + 1) * x);
}

/**
 * Launch-only cost per kW-year, Suncatcher's framing: mass × price per kg ÷ (power × lifetime).
 * Power is the satellite's power in kW (Suncatcher: the Starlink v2 mini's 28 kW).
 */
export function launchCostPerKwYear(mass_kg: number, power_kW: number, lifetime_years: number, price_per_kg: number): number {
  return (mass_kg * price_per_kg) / (power_kW * lifetime_years);
}
