/**
 * Physical constants and unit conversions. orbitdc is SI inside (m, s, kg, W, J, K, rad);
 * degrees, km and minutes exist only at the edges, through the helpers below.
 */

export const DEG_TO_RAD = Math.PI / 180;
export const RAD_TO_DEG = 180 / Math.PI;
export const ARCSEC_TO_RAD = DEG_TO_RAD / 3600;
export const TWO_PI = 2 * Math.PI;

export const M_PER_KM = 1000;
export const S_PER_MIN = 60;
export const S_PER_HOUR = 3600;
export const S_PER_DAY = 86_400;
/** Julian year [s] (IAU): 365.25 days. */
export const S_PER_JULIAN_YEAR = 365.25 * S_PER_DAY;

/** Earth gravitational parameter [m^3/s^2], WGS-84 / EGM96 (IERS 2010 TCG-compatible value). */
export const MU_EARTH_m3_s2 = 3.986004418e14;
/** Earth equatorial radius [m], WGS-84. */
export const R_EARTH_m = 6_378_137;
/** Earth flattening, WGS-84. */
export const F_EARTH = 1 / 298.257223563;
/** Second zonal harmonic J2 (unnormalised), EGM96. */
export const J2_EARTH = 1.08262668e-3;
/** Earth rotation rate [rad/s] (IERS, sidereal). */
export const OMEGA_EARTH_rad_s = 7.292115e-5;
/** Mean angular rate of the Earth around the Sun [rad/s]: 2π per tropical year (365.2422 d). */
export const OMEGA_SUN_MEAN_rad_s = TWO_PI / (365.2421897 * S_PER_DAY);

/** Astronomical unit [m] (IAU 2012 Resolution B2, exact). */
export const AU_m = 149_597_870_700;
/** Nominal solar radius [m] (IAU 2015 Resolution B3). */
export const R_SUN_m = 6.957e8;
/** Solar constant at 1 AU [W/m^2]: total solar irradiance, SORCE/TIM era mean (Kopp & Lean 2011). */
export const SOLAR_CONSTANT_W_m2 = 1361;
/** Stefan–Boltzmann constant [W/(m^2 K^4)] (CODATA 2018, exact). */
export const STEFAN_BOLTZMANN_W_m2K4 = 5.670374419e-8;
/** Speed of light [m/s] (exact). */
export const C_LIGHT_m_s = 299_792_458;
/** 0 °C in kelvin. */
export const KELVIN_OFFSET = 273.15;

export const kmToM = (km: number): number => km * M_PER_KM;
export const mToKm = (m: number): number => m / M_PER_KM;
export const degToRad = (deg: number): number => deg * DEG_TO_RAD;
export const radToDeg = (rad: number): number => rad * RAD_TO_DEG;
export const celsiusToKelvin = (c: number): number => c + KELVIN_OFFSET;
export const kelvinToCelsius = (k: number): number => k - KELVIN_OFFSET;

/** Wrap an angle [rad] into [0, 2π). */
export function wrapTwoPi(a_rad: number): number {
  const r = a_rad % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

/** Wrap an angle [rad] into (−π, π]. */
export function wrapPi(a_rad: number): number {
  const r = wrapTwoPi(a_rad);
  return r > Math.PI ? r - TWO_PI : r;
}
