/**
 * Accelerator catalog: published specifications of the AI accelerators a design can carry, each
 * number with its source. A scenario names a model by key (`h100-sxm`, `b200`, `b300`, `gb300`,
 * `tpu-v6e`) or alias; its own values override the catalog's.
 *
 * Conventions: `flops` is DENSE BF16 tensor throughput [FLOP/s] (NVIDIA's datasheets quote BF16
 * "with sparsity", twice the dense figure; we halve those and say so); `power_W` is the module's
 * maximum board power (TDP/TGP) at full load; `hbm_B` is the HBM capacity as marketed, 1 GB = 1e9 B
 * (the memory a system exposes can be a little lower: noted per entry). Numbers that are not
 * published by the vendor are listed in `estimated` with the reasoning in `notes`.
 * Sources were checked in 2026; vendor pages change, so each entry keeps the figure as quoted.
 */
import { InputError, quoteFound, type ErrorContext } from '../core/errors.js';

export interface SourceRef {
  /** Which figures this source gives. */
  what: string;
  url: string;
}

export type AcceleratorNumberField = 'power_W' | 'flops' | 'hbm_B' | 'hbmBandwidth_B_s';

export interface AcceleratorSpec {
  /** Catalog key (lower case, as scenarios write it). */
  key: string;
  /** Full product name. */
  name: string;
  vendor: string;
  /** Other names a scenario may use (matched ignoring case, spaces, '-' and '_'). */
  aliases: readonly string[];
  /** Maximum module power at full load [W]. */
  power_W: number;
  /** Dense BF16 tensor throughput [FLOP/s]. */
  flops: number;
  /** HBM capacity [bytes] (1 GB = 1e9 B). */
  hbm_B: number;
  /** HBM bandwidth [bytes/s]. */
  hbmBandwidth_B_s: number;
  /** Fields that are estimates, not vendor-published figures (reasoning in `notes`). */
  estimated: readonly AcceleratorNumberField[];
  sources: readonly SourceRef[];
  notes: string;
}

const T = 1e12, P = 1e15, GB = 1e9;

export const ACCELERATORS: readonly AcceleratorSpec[] = Object.freeze([
  {
    key: 'h100-sxm',
    name: 'NVIDIA H100 SXM5 80 GB',
    vendor: 'NVIDIA',
    aliases: ['h100', 'h100-sxm5', 'hopper-h100'],
    power_W: 700,
    flops: 989.4 * T,
    hbm_B: 80 * GB,
    hbmBandwidth_B_s: 3.35 * 1e12,
    estimated: [],
    sources: [
      { what: 'datasheet: BF16 Tensor Core 1,979 TFLOPS with sparsity (dense = half), 80 GB HBM3, 3.35 TB/s, up to 700 W', url: 'https://www.nvidia.com/en-us/data-center/h100/' },
      { what: 'dense BF16 matrix 989.4 TFLOPS, 80 GB HBM3, 700 W maximum', url: 'https://glennklockwood.com/garden/processors/h100' },
    ],
    notes: 'Llama 3 (REFERENCES.md) ran on 16,384 of these.',
  },
  {
    key: 'b200',
    name: 'NVIDIA B200 (HGX B200, 1,000 W configuration)',
    vendor: 'NVIDIA',
    aliases: ['hgx-b200', 'blackwell-b200', 'dgx-b200'],
    power_W: 1000,
    flops: 2.25 * P,
    hbm_B: 192 * GB,
    hbmBandwidth_B_s: 8e12,
    estimated: [],
    sources: [
      { what: 'HGX B200: FP16/BF16 Tensor Core 36 PFLOPS with sparsity per 8 GPUs (2.25 PFLOPS dense each), up to 1.4 TB HBM3e per 8 GPUs', url: 'https://www.nvidia.com/en-us/data-center/hgx/' },
      { what: 'HGX B200 at 1,000 W: BF16 dense 2,250 TFLOPS; 192 GB HBM3e, 8 TB/s', url: 'https://glennklockwood.com/garden/processors/B200' },
      { what: 'GTC 2024 announcement: 192 GB HBM3e, 8 TB/s', url: 'https://fudzilla.com/news/graphics/58655-nvidia-officially-unveils-blackwell-gpu-architecture-at-gtc' },
    ],
    notes: '192 GB physical; HGX B200 systems expose ~180 GB per GPU (1.44 TB per 8; nvidia-smi shows 179 GB: https://docs.vultr.com/inference-cookbook/cuda/getting-started/hardware-overview). In GB200 NVL72 the same GPU runs at 1,200 W and 2.5 PFLOPS dense BF16.',
  },
  {
    key: 'b300',
    name: 'NVIDIA B300 Blackwell Ultra (HGX B300)',
    vendor: 'NVIDIA',
    aliases: ['hgx-b300', 'blackwell-ultra-b300', 'dgx-b300'],
    power_W: 1100,
    flops: 2.25 * P,
    hbm_B: 288 * GB,
    hbmBandwidth_B_s: 8e12,
    estimated: [],
    sources: [
      { what: 'per-GPU table: B300 FP16/BF16 2.25 PFLOPS dense, 270 GB usable HBM3e, 7.7 TB/s, max TDP 1.1 kW', url: 'https://verda.com/blog/gb300-nvl72-architecture' },
      { what: 'HGX B300: BF16 dense 2,250 TFLOPS; 288 GB HBM3e (8 stacks, 12-high), 8 TB/s', url: 'https://glennklockwood.com/garden/processors/B300' },
    ],
    notes: '288 GB physical, ~270 GB exposed. Blackwell Ultra raised FP4, not BF16, over B200.',
  },
  {
    key: 'gb300',
    name: 'NVIDIA Blackwell Ultra GPU in GB300 NVL72',
    vendor: 'NVIDIA',
    aliases: ['gb300-nvl72', 'gb300-class', 'blackwell-ultra'],
    power_W: 1400,
    flops: 2.5 * P,
    hbm_B: 288 * GB,
    hbmBandwidth_B_s: 8e12,
    estimated: [],
    sources: [
      { what: 'per-GPU table: GB300 FP16/BF16 2.5 PFLOPS dense, 279 GB usable HBM3e, 8 TB/s, max TDP 1.4 kW; rack: 180 PFLOPS BF16 dense over 72 GPUs', url: 'https://verda.com/blog/gb300-nvl72-architecture' },
      { what: '288 GB HBM3e per GPU, 1,400 W', url: 'https://glennklockwood.com/garden/processors/B300' },
    ],
    notes: 'Per-GPU figures derived from NVIDIA\'s rack totals (GB300 NVL72: 20 TB HBM3e, 576 TB/s over 72 GPUs). Power is the GPU alone, not its share of the Grace CPU, NICs and switches.',
  },
  {
    key: 'tpu-v6e',
    name: 'Google Cloud TPU v6e (Trillium)',
    vendor: 'Google',
    aliases: ['trillium', 'v6e', 'tpu-trillium'],
    power_W: 300,
    flops: 918 * T,
    hbm_B: 32 * GB,
    hbmBandwidth_B_s: 1638e9,
    estimated: ['power_W'],
    sources: [
      { what: 'peak BF16 918 TFLOPS per chip, 32 GB HBM, 1,638 GB/s (earlier revisions: 1,600 GB/s)', url: 'https://docs.cloud.google.com/tpu/docs/v6e' },
      { what: '4.7× v5e peak compute per chip, >67 % more energy-efficient than v5e (no watts given)', url: 'https://cloud.google.com/blog/products/compute/introducing-trillium-6th-gen-tpus' },
    ],
    notes: 'ESTIMATE power_W: Google publishes no chip power. 300 W is an orbitdc estimate: 4.7× compute at 1.67× efficiency is ~2.8× v5e power, with v5e near ~100 W in third-party estimates; an unofficial compilation lists 310 W (https://huggingface.co/datasets/devidasmishra/ai-inference-hardware-economics-2026). Suncatcher (arXiv 2511.19468) radiation-tested this chip: see radiation-effects.ts.',
  },
] satisfies AcceleratorSpec[]);

/** Catalog keys in catalog order. */
export function acceleratorKeys(): string[] {
  return ACCELERATORS.map((a) => a.key);
}

/** Lower case, without spaces, '-', '_' and '.': "H100 SXM" and "h100-sxm" compare equal. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.]/g, '');
}

const INDEX = new Map<string, AcceleratorSpec>();
for (const a of ACCELERATORS) for (const n of [a.key, ...a.aliases]) INDEX.set(normalise(n), a);

/** The spec for a key or alias (case, spaces, '-', '_' ignored), or undefined. */
export function findAccelerator(name: string): AcceleratorSpec | undefined {
  return INDEX.get(normalise(name));
}

/**
 * The spec for a key or alias; an unknown name throws InputError (code E_INPUT) naming the field,
 * the known keys and, when one is close, "did you mean".
 */
export function getAccelerator(name: string, context: ErrorContext = {}): AcceleratorSpec {
  const hit = findAccelerator(name);
  if (hit) return hit;
  const guess = suggestAccelerator(name);
  throw new InputError(`unknown accelerator model${guess ? ` (did you mean "${guess}"?)` : ''}`, {
    ...context,
    field: context.field ?? 'accelerators.model',
    expected: `one of ${acceleratorKeys().join(', ')}`,
    found: quoteFound(name),
  });
}

/** The catalog key closest to `name` by edit distance over keys and aliases, if close enough. */
export function suggestAccelerator(name: string): string | undefined {
  const n = normalise(name);
  let best: AcceleratorSpec | undefined, bestD = Infinity;
  for (const [alias, spec] of INDEX) {
    const d = levenshtein(n, alias);
    if (d < bestD) { bestD = d; best = spec; }
  }
  // Close enough: at most a third of the name's characters (at least 2) need changing.
  return best && bestD <= Math.max(2, Math.floor(n.length / 3)) ? best.key : undefined;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
