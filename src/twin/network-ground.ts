/**
 * Ground contacts for the twin's network updates: the same rule as src/network/ground.ts
 * `pushGroundEdges` (each station's highest satellites in view with status Ok, up to its
 * terminals; edge satellite row ↔ node stationNodeBase + station, slant-range light time, the
 * terminal's rate, tag −1 − station), with the elevation test done on squares: a satellite is in
 * view when up ≥ 0 and up² ≥ sin²(mask)·range² (mask ≥ 0), so the square root is taken only for
 * the few satellites in view. Why: at 10,000 satellites and five stations the library's
 * `Math.hypot` for every satellite above the horizon was the largest part of a network update.
 * network-ground.test.ts checks that both give the same edges.
 */
import { Status } from '../core/status.js';
import { C_LIGHT_m_s } from '../core/units.js';
import type { EcefColumns } from '../orbit/frames.js';
import type { EdgeList } from '../network/graph.js';
import type { StationGeometry } from '../network/ground.js';

const MAX_TERMINALS = 64;
const topRow = new Int32Array(MAX_TERMINALS), topSin = new Float64Array(MAX_TERMINALS), topRange = new Float64Array(MAX_TERMINALS);

/** Push the ground contacts of rows [0, satCount) into `out` (see the file comment); returns how many. */
export function pushGroundContacts(stations: readonly StationGeometry[], ecef: EcefColumns, status: Uint8Array, satCount: number, stationNodeBase: number, out: EdgeList): number {
  let pushed = 0;
  const { x_m, y_m, z_m } = ecef;
  for (let g = 0; g < stations.length; g++) {
    const st = stations[g]!;
    const k = Math.min(st.station.terminals, MAX_TERMINALS);
    const m = st.sinMask, m2 = m * m, sx = st.x_m, sy = st.y_m, sz = st.z_m, ux = st.upX, uy = st.upY, uz = st.upZ;
    let have = 0;
    for (let r = 0; r < satCount; r++) {
      const dx = x_m[r]! - sx, dy = y_m[r]! - sy, dz = z_m[r]! - sz;
      const up = dx * ux + dy * uy + dz * uz;
      if (m >= 0) {
        if (up <= 0) continue;
        const r2 = dx * dx + dy * dy + dz * dz;
        if (up * up < m2 * r2) continue;
      }
      if (status[r] !== Status.Ok) continue;
      const range = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const s = up / range;
      if (s < m) continue;
      if (have === k && s <= topSin[k - 1]!) continue;
      // Insertion into the sorted top-k (descending elevation).
      let j = have < k ? have++ : k - 1;
      while (j > 0 && topSin[j - 1]! < s) { topSin[j] = topSin[j - 1]!; topRow[j] = topRow[j - 1]!; topRange[j] = topRange[j - 1]!; j--; }
      topSin[j] = s; topRow[j] = r; topRange[j] = range;
    }
    for (let j = 0; j < have; j++) out.push(topRow[j]!, stationNodeBase + g, topRange[j]! / C_LIGHT_m_s, st.station.downlinkRate_bps, -1 - g);
    pushed += have;
  }
  return pushed;
}
