/**
 * The CLI, in-process: real commands over real files, standard output and error captured.
 * Checks what a user meets: rows and their values, one-line errors with exit 2, help with an
 * example, atomic files.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json2satrec, propagate as sjsPropagate } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { out, err, captureOutput, clearOut, clearErr } from './capture.test-kit.js';
import { loadCatalog } from '../orbit/catalog.js';
import { main } from './main.js';

captureOutput();

const run = (...args: string[]): Promise<number> => main(['node', 'orbitdc', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'orbitdc-cli-'));

// Two real Starlink TLEs (CelesTrak, 2026-02-24) and the ISS example of many SGP4 docs.
const TLE = `STARLINK-1008
1 44714U 19074B   26054.54089312  .00000969  00000+0  43797-4 0  9997
2 44714  53.1568 244.5638 0001273  95.0474 265.0672 15.31036083346702
ISS (ZARYA)
1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927
2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537
`;
const tleFile = join(dir, 'two.tle');
writeFileSync(tleFile, TLE);

describe('orbitdc propagate', () => {
  it('streams one CSV row per object and step, matching satellite.js within 1 mm', async () => {
    expect(await run('propagate', tleFile, '--start', '2026-02-25T00:00Z', '--step-s', '60', '--steps', '3', '-q')).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('norad_id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,status');
    expect(lines).toHaveLength(1 + 3 * 2);
    const row = lines[3]!.split(','); // step 1, STARLINK-1008
    expect(row[0]).toBe('44714');
    expect(row[1]).toBe('2026-02-25T00:01:00Z');
    expect(row[8]).toBe('Ok');
    const rec = loadCatalog(tleFile).records[0]!;
    const satrec = json2satrec({
      OBJECT_NAME: rec.name, OBJECT_ID: '2019-074B', EPOCH: new Date(rec.epochUtcMs).toISOString().replace('Z', ''),
      MEAN_MOTION: rec.meanMotion_rev_day, ECCENTRICITY: rec.eccentricity, INCLINATION: rec.inclination_deg,
      RA_OF_ASC_NODE: rec.raan_deg, ARG_OF_PERICENTER: rec.argOfPericenter_deg, MEAN_ANOMALY: rec.meanAnomaly_deg,
      EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', NORAD_CAT_ID: 44714, ELEMENT_SET_NO: 999, REV_AT_EPOCH: 34670,
      BSTAR: rec.bstar, MEAN_MOTION_DOT: rec.meanMotionDot, MEAN_MOTION_DDOT: 0,
    });
    const pv = sjsPropagate(satrec, new Date(Date.UTC(2026, 1, 25, 0, 1)));
    expect(pv).not.toBeNull();
    const p = pv!.position as { x: number; y: number; z: number };
    // The json2satrec epoch is rounded to 1 ms (sub-metre at 7.6 km/s): allow 10 m here; the
    // Vallado golden test pins the kernel itself to 1 cm.
    expect(Math.abs(Number(row[2]) - p.x) * 1000).toBeLessThan(10);
    expect(Math.abs(Number(row[3]) - p.y) * 1000).toBeLessThan(10);
    expect(Math.abs(Number(row[4]) - p.z) * 1000).toBeLessThan(10);
  });

  it('an object SGP4 cannot propagate keeps its row with a status and no NaN', async () => {
    // Vallado's case 29141 (SL-14 DEB, "lost in under 420 min") a day after its epoch.
    const f = join(dir, 'decay.tle');
    writeFileSync(f, `${TLE}1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718
2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828
`);
    expect(await run('propagate', f, '--start', '2006-06-19T18:00Z', '--steps', '1', '--format', 'json', '-q')).toBe(0);
    const rows = JSON.parse(out) as { norad_id: number; x_km: number | null; status: string }[];
    expect(rows).toHaveLength(3);
    const deb = rows.find((r) => r.norad_id === 29141)!;
    expect(deb.status).toMatch(/^Sgp4/);
    expect(deb.x_km).toBeNull();
    expect(out).not.toMatch(/NaN/);
  });

  it('ECEF output keeps the radius of the TEME output (a rotation) within 1 mm', async () => {
    await run('propagate', tleFile, '--start', '2026-02-25T00:00Z', '--steps', '1', '-q');
    const teme = out.trim().split('\n')[1]!.split(',').slice(2, 5).map(Number);
    clearOut();
    await run('propagate', tleFile, '--start', '2026-02-25T00:00Z', '--steps', '1', '--frame', 'ecef', '-q');
    const ecef = out.trim().split('\n')[1]!.split(',').slice(2, 5).map(Number);
    expect(Math.abs(Math.hypot(...teme) - Math.hypot(...ecef)) * 1e6).toBeLessThan(1);
    expect(Math.abs(teme[2]! - ecef[2]!) * 1e6).toBeLessThan(1); // z is the rotation axis
  });

  it('bad input: one line naming the file or flag, exit 2, no stack trace', async () => {
    expect(await run('propagate', join(dir, 'missing.tle'), '--start', '2026-02-25T00:00Z')).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/missing\.tle.*not found/);
    clearErr();
    expect(await run('propagate', tleFile, '--start', '2026-02-25T00:00Z', '--step-s', 'ten')).toBe(2);
    expect(err.trim()).toBe('orbitdc: --step-s: bad value (expected a number [s] ≥ 0.001, found "ten")');
    clearErr();
    expect(await run('propagate', tleFile, '--start', 'tomorrow')).toBe(2);
    expect(err).toMatch(/--start: not an ISO-8601 UTC time/);
    clearErr();
    expect(await run('propagate', tleFile, '--bogus')).toBe(2);
    expect(err).toMatch(/unknown option '--bogus'/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('writes --out atomically: the file appears complete, no partial file is left', async () => {
    const file = join(dir, 'rows.csv');
    expect(await run('propagate', tleFile, '--start', '2026-02-25T00:00Z', '--steps', '5', '--out', file, '-q')).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(11);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(await run('propagate', tleFile, '--steps', '1', '--out', join(dir, 'no-such-dir', 'x.csv'), '-q')).toBe(1);
    expect(err).toMatch(/cannot write/);
  });
});

describe('orbitdc eclipse', () => {
  it('a dawn-dusk 650 km SSO in January: no eclipse, sunlit 100 %', async () => {
    expect(await run('eclipse', '--sso', '--alt-km', '650', '--ltan', '18:00', '--from', '2026-01-10T00:00Z', '--to', '2026-01-12T00:00Z', '--json', '-q')).toBe(0);
    const r = JSON.parse(out) as { sunlitFraction: number; eclipseSeasonDays: number; maxEclipseMinutes: number; planes: unknown[] };
    expect(r.sunlitFraction).toBe(1);
    expect(r.eclipseSeasonDays).toBe(0);
    expect(r.maxEclipseMinutes).toBe(0);
    expect(r.planes).toHaveLength(1);
  });

  it('a 550 km, 53° orbit eclipses every orbit for about 35 minutes at low beta', async () => {
    expect(await run('eclipse', '--alt-km', '550', '--inc-deg', '53', '--raan-deg', '0', '--from', '2026-03-20T00:00Z', '--to', '2026-03-21T00:00Z', '--json', '-q')).toBe(0);
    const r = JSON.parse(out) as { sunlitFraction: number; eclipseSeasonDays: number; maxEclipseMinutes: number };
    // Circular 550 km at β ≈ 0: f = acos(√(r²−R²)/r)/π = 0.379 of the 95.6 min orbit = 36.2 min of shadow (umbra + penumbra a bit more).
    expect(r.maxEclipseMinutes).toBeGreaterThan(33);
    expect(r.maxEclipseMinutes).toBeLessThan(37.5);
    expect(r.eclipseSeasonDays).toBe(1);
  });

  it('a catalog gives rows per shell; conflicting sources are refused', async () => {
    expect(await run('eclipse', '--catalog', tleFile, '--from', '2026-02-25T00:00Z', '--to', '2026-02-25T06:00Z', '-q')).toBe(0);
    expect(out).toMatch(/sunlitFraction/);
    expect(out).toMatch(/shell/);
    clearErr();
    expect(await run('eclipse', '--catalog', tleFile, '--sso', '--from', '2026-02-25T00:00Z', '--to', '2026-02-26T00:00Z')).toBe(2);
    expect(err).toMatch(/choose one orbit source/);
    clearErr();
    expect(await run('eclipse', '--sso', '--alt-km', '650', '--from', '2026-02-25T00:00Z', '--to', '2026-02-26T00:00Z')).toBe(2);
    expect(err).toMatch(/--ltan: missing value/);
  });
});

describe('orbitdc constellation', () => {
  it('walker → TLE file that loads back with every satellite', async () => {
    const file = join(dir, 'shell.tle');
    expect(await run('constellation', 'walker', '--total', '72', '--planes', '6', '--phasing', '1', '--alt-km', '550', '--inc-deg', '53', '--out', file)).toBe(0);
    const cat = loadCatalog(file);
    expect(cat.records).toHaveLength(72);
    expect(cat.skipped).toHaveLength(0);
    expect(cat.records[0]!.inclination_deg).toBeCloseTo(53, 4);
  });

  it('sso and cluster → OMM JSON/XML that loads back', async () => {
    const sso = join(dir, 'sso.json');
    expect(await run('constellation', 'sso', '--alt-km', '650', '--ltan', '18:00,10:30', '--per-plane', '3', '--out', sso)).toBe(0);
    expect(loadCatalog(sso).records).toHaveLength(6);
    const cl = join(dir, 'cluster.xml');
    expect(await run('constellation', 'cluster', '--out', cl)).toBe(0);
    expect(loadCatalog(cl).records).toHaveLength(81);
    expect(err).toMatch(/81 members/);
  });

  it('bad parameters name the flag', async () => {
    expect(await run('constellation', 'walker', '--total', '10', '--planes', '3', '--alt-km', '550', '--inc-deg', '53')).toBe(2);
    expect(err).toMatch(/planes/);
    clearErr();
    expect(await run('constellation', 'walker', '--total', '6', '--planes', '3', '--alt-km', '550', '--inc-deg', '53', '--out', join(dir, 'x.kml'))).toBe(2);
    expect(err).toMatch(/--out: unknown output format/);
  });
});

describe('help', () => {
  it.each([['propagate'], ['eclipse'], ['demo'], ['constellation', 'walker'], ['constellation', 'sso'], ['constellation', 'cluster']])('%s --help shows an example', async (...cmd) => {
    expect(await run(...cmd, '--help')).toBe(0);
    expect(out).toMatch(/Example/);
  });
});
