/**
 * One catalog object's orbit as the catalogs give it: SGP4 mean elements (TLE / CCSDS OMM with
 * MEAN_ELEMENT_THEORY = SGP4). Field names follow OMM; units are those of the formats (degrees,
 * revolutions per day) because this record is the edge: parsers fill it, writers print it, and
 * `toSatrec`-style converters turn it into SI/radians for propagation.
 */
export interface OrbitRecord {
  /** OBJECT_NAME (line 0 of a 3-line TLE); '' when absent. */
  name: string;
  /** NORAD_CAT_ID (Alpha-5 decoded to a number). */
  noradId: number;
  /** OBJECT_ID: international designator, e.g. "1998-067A"; '' when absent. */
  objectId: string;
  /** EPOCH as UTC ms since 1970. */
  epochUtcMs: number;
  /** MEAN_MOTION [rev/day] (Kozai, as in TLEs). */
  meanMotion_rev_day: number;
  eccentricity: number;
  inclination_deg: number;
  raan_deg: number;
  argOfPericenter_deg: number;
  meanAnomaly_deg: number;
  /** BSTAR drag term [1/earth radii]. */
  bstar: number;
  /** MEAN_MOTION_DOT [rev/day^2] (first derivative / 2 as printed in TLEs). */
  meanMotionDot: number;
  /** MEAN_MOTION_DDOT [rev/day^3] (second derivative / 6 as printed in TLEs). */
  meanMotionDdot: number;
  classification: string;
  elementSetNo: number;
  revAtEpoch: number;
  ephemerisType: number;
}

/** A record that could not be loaded: where, which field, and why. */
export interface SkippedRecord {
  file: string;
  /** 1-based line (TLE, CSV, XML) or record index (JSON) where the bad record starts. */
  line: number;
  field: string;
  message: string;
  /** The one-line form, as the CLI prints it. */
  text: string;
}

export interface Catalog {
  records: OrbitRecord[];
  skipped: SkippedRecord[];
  /** Source file as named by the user. */
  file: string;
  format: 'tle' | 'omm-json' | 'omm-xml' | 'omm-csv';
}
