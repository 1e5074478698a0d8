/**
 * Small 3-vector helpers on plain tuples and typed arrays. Hot loops use `out` parameters (as
 * CesiumJS's Cartesian3 and planck.js's Vec3 do) so that nothing is allocated per satellite.
 */
export type Vec3 = [number, number, number];

export const vec3 = (x = 0, y = 0, z = 0): Vec3 => [x, y, z];
export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
export const norm = (a: ArrayLike<number>): number => Math.sqrt(a[0]! * a[0]! + a[1]! * a[1]! + a[2]! * a[2]!);

export function cross(a: ArrayLike<number>, b: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  const x = a[1]! * b[2]! - a[2]! * b[1]!;
  const y = a[2]! * b[0]! - a[0]! * b[2]!;
  const z = a[0]! * b[1]! - a[1]! * b[0]!;
  out[0] = x; out[1] = y; out[2] = z;
  return out;
}

export function scale(a: ArrayLike<number>, k: number, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = a[0]! * k; out[1] = a[1]! * k; out[2] = a[2]! * k;
  return out;
}

export function sub(a: ArrayLike<number>, b: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = a[0]! - b[0]!; out[1] = a[1]! - b[1]!; out[2] = a[2]! - b[2]!;
  return out;
}

export function add(a: ArrayLike<number>, b: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = a[0]! + b[0]!; out[1] = a[1]! + b[1]!; out[2] = a[2]! + b[2]!;
  return out;
}

export function normalize(a: ArrayLike<number>, out: Vec3 = [0, 0, 0]): Vec3 {
  const n = norm(a);
  return scale(a, n > 0 ? 1 / n : 0, out);
}

/** Angle between two vectors [rad], robust near 0 and π (atan2 of |a×b| and a·b). */
export function angleBetween(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const c = cross(a, b);
  return Math.atan2(norm(c), dot(a, b));
}

/** Rotate about the z axis by angle θ [rad] (active rotation), written to out. */
export function rotateZ(a: ArrayLike<number>, theta_rad: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const c = Math.cos(theta_rad), s = Math.sin(theta_rad);
  const x = c * a[0]! - s * a[1]!;
  const y = s * a[0]! + c * a[1]!;
  out[0] = x; out[1] = y; out[2] = a[2]!;
  return out;
}
