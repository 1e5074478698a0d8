/**
 * The `network` section of a scenario file (TypeBox → JSON Schema): laser links between the
 * satellites, ground stations, and how the twin uses them (placement of jobs across links, the
 * path and downlink that inference answers need). Optional: a scenario without it runs as before
 * (every Walker/SSO/catalog satellite its own placement domain, inference not limited by the
 * ground). Every default is stated with its source; "ASSUMPTION (orbitdc)" marks our own.
 * schema.ts mounts it; network.ts normalises it to SI.
 */
import { Type } from '@sinclair/typebox';
import { GROUND_STATIONS } from '../../network/ground.js';

/** Topology keywords, per constellation. */
export const TOPOLOGY_KINDS = ['plus-grid', 'mesh', 'mesh-diagonals', 'none'] as const;

export const LinkParamsSchema = Type.Object(
  {
    transmit_power_W: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 5, description: 'Optical transmit power [W]. Default 5 W (Suncatcher link budget, arXiv 2511.19468).' })),
    gain_tx_dB: Type.Optional(Type.Number({ default: 105.1, description: 'Transmit antenna gain [dB]. Default 105.1 dB (Suncatcher).' })),
    gain_rx_dB: Type.Optional(Type.Number({ default: 105.1, description: 'Receive antenna gain [dB]. Default 105.1 dB (Suncatcher).' })),
    wavelength_nm: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 1550, description: 'Wavelength [nm]. Default 1,550 nm (Suncatcher).' })),
    losses_dB: Type.Optional(Type.Number({ maximum: 0, default: -3, description: 'Other losses (pointing, optics, coupling) [dB], ≤ 0. Default −3 dB (Suncatcher).' })),
    energy_per_bit_aJ: Type.Optional(Type.Number({
      exclusiveMinimum: 0, default: 25,
      description: 'Received energy per bit the receiver needs [aJ = 1e-18 J]. Default 25 aJ: Suncatcher\'s 0.24 mW for 9.6 Tbit/s (src/network/linkbudget.ts).',
    })),
    max_rate_per_beam_Gbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 9600, description: 'Most one beam carries [Gbit/s]. Default 9,600 = 24 DWDM channels × 400 Gbit/s (Suncatcher).' })),
    beam_radius_cm: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 5, description: 'Beam (aperture) radius for the near-field distance πa²/λ [cm]. Default 5 cm (Suncatcher\'s 10 cm beam).' })),
    max_beams: Type.Optional(Type.Integer({ minimum: 1, description: 'Most beams an aperture splits into in the near field (transceiver sets per terminal). Default unlimited (the published law).' })),
    acquisition_s: Type.Optional(Type.Number({ minimum: 0, default: 30, description: 'Acquisition time of a link coming (back) up, after slewing [s]. Default 30 s: ASSUMPTION (src/network/linkbudget.ts, LEO optical terminals report 30–60 s).' })),
    slew_rate_deg_s: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 2, description: 'Coarse-pointing slew rate [deg/s]. Default 2 deg/s: ASSUMPTION (src/network/linkbudget.ts).' })),
  },
  { additionalProperties: false, description: 'Optical inter-satellite link parameters; every field not given takes Suncatcher\'s published budget (src/network/linkbudget.ts SUNCATCHER_LINK).' },
);

export const LinkGeometrySchema = Type.Object(
  {
    grazing_height_km: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, default: 80, description: 'Lowest height above the Earth a line of sight may pass [km]. Default 80 km (issue 6: above most of the atmosphere).' })),
    max_range_km: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100_000, default: 5000, description: 'Longest usable link [km]. Default 5,000 km: ASSUMPTION, the range of Suncatcher\'s link budget (~64 Gbit/s there).' })),
  },
  { additionalProperties: false, description: 'When a candidate link is up: line of sight above the grazing height and within range.' },
);

export const CustomStationSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Station name, unique among the stations.' }),
    latitude_deg: Type.Number({ minimum: -90, maximum: 90, description: 'Geodetic latitude [deg].' }),
    longitude_deg: Type.Number({ minimum: -180, maximum: 360, description: 'East longitude [deg].' }),
    altitude_m: Type.Optional(Type.Number({ minimum: -500, maximum: 9000, default: 0, description: 'Height above the WGS-84 ellipsoid [m]. Default 0 m.' })),
    elevation_mask_deg: Type.Optional(Type.Number({ minimum: -10, maximum: 89, default: 10, description: 'Lowest usable elevation [deg]. Default 10°: ASSUMPTION, as the built-in RF gateways (src/network/ground.ts).' })),
    kind: Type.Optional(Type.Unsafe<'rf' | 'optical'>({ type: 'string', enum: ['rf', 'optical'], default: 'rf', description: 'Downlink kind: "rf" or "optical" (optical is lost under cloud). Default "rf".' })),
    downlink_Gbps: Type.Optional(Type.Number({ exclusiveMinimum: 0, default: 10, description: 'Rate of one terminal [Gbit/s]. Default 10 Gbit/s: ASSUMPTION, a Ka-band gateway antenna (src/network/ground.ts).' })),
    terminals: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, default: 2, description: 'Satellites the station serves at once (antennas or telescopes). Default 2: ASSUMPTION (src/network/ground.ts).' })),
    cloud_outage: Type.Optional(Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Fraction of time an optical downlink is lost to cloud (climatology), 0 to 1. Default 0 (RF); the built-in optical stations use 0.25–0.3.' })),
  },
  { additionalProperties: false, description: 'A ground station not in the built-in list.' },
);

export const NetworkSchema = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean({ default: true, description: 'false switches the network model off (the scenario then runs as without this section). Default true.' })),
    cadence_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 86_400, default: 60,
      description: 'Seconds between network updates (links, routes, ground contacts), rounded up to whole steps. Default 60 s: a +Grid link\'s length changes < 1 % in a minute (src/network/stage.ts).',
    })),
    geometry_cadence_s: Type.Optional(Type.Number({
      exclusiveMinimum: 0, maximum: 86_400, default: 600,
      description: 'Seconds between full link evaluations (length, line of sight and range of every link, re-pointing, latency to the ground), rounded to whole updates; in between links follow their endpoints\' status and ground contacts and reach are updated every cadence_s. Default 600 s: ASSUMPTION (orbitdc), a link\'s geometry decides its state only where it crosses the range or the grazing height, which a +Grid link of a low shell rarely does; the full pass at every update would cost ~40 % of an engine step at 10,000 satellites. Set it to cadence_s for a full evaluation every update.',
    })),
    topology: Type.Optional(Type.Record(Type.String(), Type.Unsafe<(typeof TOPOLOGY_KINDS)[number]>({ type: 'string', enum: [...TOPOLOGY_KINDS] }), {
      description: 'Links per constellation name: "plus-grid" (Walker and SSO shells: 2 in-plane + 2 cross-plane neighbours), "mesh" (formation clusters: lattice neighbours), "mesh-diagonals" (lattice neighbours and diagonals), "none". Default: plus-grid for Walker/SSO, mesh for clusters, none for catalogs.',
    })),
    links: Type.Optional(Type.Array(Type.Array(Type.String({ minLength: 1 }), { minItems: 2, maxItems: 2 }), {
      description: 'Extra user-defined links, as pairs of satellite names (or "#ROW", 0-based fleet row). Default none.',
    })),
    link: Type.Optional(LinkParamsSchema),
    repointing: Type.Optional(Type.Boolean({ default: true, description: 'A link coming (back) up carries nothing until its terminals have slewed and acquired. Default true.' })),
    geometry: Type.Optional(LinkGeometrySchema),
    stations: Type.Optional(Type.Array(Type.Unsafe<string>({ type: 'string', enum: GROUND_STATIONS.map((s) => s.name) }), {
      description: `Built-in ground stations by name (src/network/ground.ts: ${GROUND_STATIONS.map((s) => s.name).join(', ')}). Default: all of them; [] for none.`,
    })),
    custom_stations: Type.Optional(Type.Array(CustomStationSchema, { description: 'Ground stations besides the built-in ones. Default none.' })),
    placement_span: Type.Optional(Type.Integer({
      minimum: 1, maximum: 1000, default: 4,
      description: 'Walker/SSO shells with plus-grid links: satellites per placement domain along a plane (a job may span the domain\'s consecutive in-plane satellites over their links). Default 4: ASSUMPTION (orbitdc): a domain is a chain whose k − 1 links are each a single point of failure and whose bisection is one link, so a longer span adds chips but not bandwidth and loses spanning jobs more often; 4 satellites are 3 hops (~20 ms light time at 22 per plane, 550 km). 1 = every satellite its own domain.',
    })),
    job_bandwidth_Gbps: Type.Optional(Type.Number({
      minimum: 0, default: 100,
      description: 'Link bandwidth a job needs between satellites [Gbit/s], given to every job larger than one satellite that declares none (training runs and the job traces declare none). Default 100 Gbit/s: ASSUMPTION (orbitdc), a data-parallel gradient exchange across one satellite boundary, 2 × gradient bytes per optimiser step ÷ step time (ring all-reduce): a 7e9-parameter model in bf16 (14 GB) every 3 s needs ~75 Gbit/s.',
    })),
    bits_per_token: Type.Optional(Type.Number({
      exclusiveMinimum: 0, default: 32,
      description: 'Downlink bits per served inference token (prompt + generated, as the demand counts them). Default 32: ASSUMPTION (orbitdc), 4 bytes of UTF-8 text per token (OpenAI: a token is ~4 characters of English), no protocol overhead.',
    })),
  },
  {
    additionalProperties: false,
    description: 'The network inside the twin: inter-satellite laser links, ground stations, jobs placed across links, inference answers that need a path to the ground and downlink capacity (src/network, src/twin/network-stage.ts).',
  },
);
