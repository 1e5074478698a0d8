/**
 * Inference workload: requests (struct of arrays) and the token demand they make, served by a
 * pool of accelerators in a fluid (token-bucket) model.
 *
 * Why fluid: requests last milliseconds to seconds, the replay steps are 60 s, and what an
 * operator sizes is tokens per second against chips. Each request becomes tokens of demand
 * (prompt + generated: both cost ~2·P FLOP per token for a P-parameter model, Kaplan et al.
 * 2020) and a latency target; per time bucket, the pool serves tokens at its rate in arrival
 * order, and a request meets its target when the queue ahead of it (backlog ÷ service rate) plus
 * its own service time is within its target.
 */
import { OrbitdcError } from '../core/errors.js';

export class InferenceRequests {
  count = 0;
  /** Epoch of `arrival_s` (UTC ms), NaN when the source has only relative times. */
  epochUtcMs = NaN;
  arrival_s: Float64Array;
  inputTokens: Float64Array;
  outputTokens: Float64Array;
  /** End-to-end latency target [s]. */
  target_s: Float64Array;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.arrival_s = new Float64Array(n); this.inputTokens = new Float64Array(n);
    this.outputTokens = new Float64Array(n); this.target_s = new Float64Array(n);
  }

  add(arrival_s: number, inputTokens: number, outputTokens: number, target_s: number): number {
    if (this.count === this.arrival_s.length) {
      const n = this.count * 2;
      const g = (a: Float64Array): Float64Array => { const b = new Float64Array(n); b.set(a); return b; };
      this.arrival_s = g(this.arrival_s); this.inputTokens = g(this.inputTokens);
      this.outputTokens = g(this.outputTokens); this.target_s = g(this.target_s);
    }
    const i = this.count++;
    this.arrival_s[i] = arrival_s; this.inputTokens[i] = inputTokens; this.outputTokens[i] = outputTokens; this.target_s[i] = target_s;
    return i;
  }

  /** Time span covered [s] (last arrival − first, 0 for fewer than 2 requests). */
  span_s(): number {
    if (this.count < 2) return 0;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < this.count; i++) { const t = this.arrival_s[i]!; if (t < lo) lo = t; if (t > hi) hi = t; }
    return hi - lo;
  }
}

/** Latency target of a request: time to first token plus time between tokens × output tokens. */
export interface LatencyTarget {
  /** [s]; default 2 s (ASSUMPTION: an interactive chat target of the order Mooncake and Splitwise use). */
  ttft_s: number;
  /** [s per output token]; default 0.1 s (ASSUMPTION: 10 tokens/s reading speed). */
  tbt_s: number;
}

export const DEFAULT_LATENCY_TARGET: Readonly<LatencyTarget> = Object.freeze({ ttft_s: 2, tbt_s: 0.1 });

export function latencyTarget_s(outputTokens: number, t: LatencyTarget = DEFAULT_LATENCY_TARGET): number {
  return t.ttft_s + t.tbt_s * outputTokens;
}

/** Token demand per time bucket (struct of arrays). */
export interface TokenDemand {
  /** Start of bucket 0 [s since epoch]. */
  start_s: number;
  bucket_s: number;
  /** Requests arriving per bucket. */
  requests: Float64Array;
  /** Tokens (prompt + generated) arriving per bucket. */
  tokens: Float64Array;
  /** Mean latency target of the bucket's requests [s] (0 for an empty bucket). */
  target_s: Float64Array;
}

/** Aggregate requests into buckets of `bucket_s` (default 60 s) starting at the first arrival's bucket. */
export function tokenDemand(req: InferenceRequests, bucket_s = 60): TokenDemand {
  if (!(bucket_s > 0)) throw new OrbitdcError('E_ARGUMENT', 'bucket must be > 0 s', { field: 'bucket_s', expected: '> 0', found: String(bucket_s) });
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < req.count; i++) { const t = req.arrival_s[i]!; if (t < lo) lo = t; if (t > hi) hi = t; }
  if (req.count === 0) return { start_s: 0, bucket_s, requests: new Float64Array(0), tokens: new Float64Array(0), target_s: new Float64Array(0) };
  const start_s = Math.floor(lo / bucket_s) * bucket_s;
  const n = Math.floor((hi - start_s) / bucket_s) + 1;
  const requests = new Float64Array(n), tokens = new Float64Array(n), target_s = new Float64Array(n);
  for (let i = 0; i < req.count; i++) {
    const b = Math.floor((req.arrival_s[i]! - start_s) / bucket_s);
    requests[b]! += 1;
    tokens[b]! += req.inputTokens[i]! + req.outputTokens[i]!;
    target_s[b]! += req.target_s[i]!;
  }
  for (let b = 0; b < n; b++) if (requests[b]! > 0) target_s[b]! /= requests[b]!;
  return { start_s, bucket_s, requests, tokens, target_s };
}

/**
 * Tokens per second one accelerator serves: FLOPS × MFU ÷ (2 × parameters). Defaults: a 70e9
 * parameter dense model at 30 % model-FLOPs utilisation (ASSUMPTION, a typical batched serving
 * figure); an H100 (989 TFLOP/s dense BF16) then serves ~2,100 tokens/s.
 */
export function tokensPerChip_s(flops: number, params = 70e9, mfu = 0.3): number {
  return (flops * mfu) / (2 * params);
}

/** Running totals of the fluid server. */
export interface InferenceTotals {
  requests: number;
  requestsMeetingTarget: number;
  tokensDemanded: number;
  tokensServed: number;
  /** Tokens still queued at the end. */
  backlog: number;
}

/**
 * The fluid inference server. Each call to `serve` takes one bucket's arrivals (requests,
 * tokens, mean target) and the service rate over the bucket [tokens/s]; returns tokens served.
 * SLO rule: the bucket's requests queue behind `backlog` tokens, so they wait backlog ÷ rate and
 * then take (tokens per request) ÷ rate; they meet the target when the sum is within it. A
 * bucket is judged as a whole (all its requests meet it or none), which is exact for requests of
 * equal size and a bound within one bucket otherwise.
 */
export class FluidServer {
  readonly totals: InferenceTotals = { requests: 0, requestsMeetingTarget: 0, tokensDemanded: 0, tokensServed: 0, backlog: 0 };

  serve(requests: number, tokens: number, target_s: number, rate_tok_s: number, dt_s: number): number {
    const T = this.totals;
    T.requests += requests;
    T.tokensDemanded += tokens;
    if (requests > 0) {
      const perRequest = tokens / requests;
      const latency_s = rate_tok_s > 0 ? (T.backlog + perRequest) / rate_tok_s : Infinity;
      if (latency_s <= target_s) T.requestsMeetingTarget += requests;
    }
    const want = T.backlog + tokens;
    const served = Math.min(want, Math.max(0, rate_tok_s) * dt_s);
    T.backlog = want - served;
    T.tokensServed += served;
    return served;
  }

  /** Fraction of requests that met their latency target (1 when there were none). */
  attainment(): number {
    return this.totals.requests > 0 ? this.totals.requestsMeetingTarget / this.totals.requests : 1;
  }
}

/**
 * What the network cost the inference service (a twin run with a `network`), summed over steps.
 * Answers must reach the ground: pool chips on satellites without a path to a ground station do
 * not serve, and the pool serves at most the fleet's downlink ÷ bits per token. A step's
 * shortfall is counted against what the pool would have served without that limit (first the
 * path, then the downlink); the tokens held back stay queued (backlog) and may be served later,
 * so the net effect on the run is in tokensServed and the SLO attainment.
 */
export interface InferenceNetworkTotals {
  /** Pool chip-seconds on satellites that are up but have no path to a ground station. */
  noPathChip_s: number;
  /** Tokens held back because pool chips had no path to the ground. */
  heldNoPath_tokens: number;
  /** Tokens held back by the downlink cap. */
  heldDownlink_tokens: number;
  /** Tokens the downlink could carry over the steps served (cap × step). */
  downlinkCapacity_tokens: number;
}

export function newInferenceNetworkTotals(): InferenceNetworkTotals {
  return { noPathChip_s: 0, heldNoPath_tokens: 0, heldDownlink_tokens: 0, downlinkCapacity_tokens: 0 };
}

/**
 * Service rate of a pool whose answers need the ground [tokens/s]: `reachChips` (of `liveChips`
 * up) have a path and serve `tokensPerChip_s` each, capped at `cap_tok_s` (downlink ÷ bits per
 * token; Infinity without a network: then exactly liveChips × tokensPerChip_s). `want_tokens`
 * (backlog + arrivals) bounds what a step could serve, for the shortfalls added to `totals`.
 */
export function networkLimitedRate(want_tokens: number, liveChips: number, reachChips: number, tokensPerChip_s: number, cap_tok_s: number, dt_s: number, totals: InferenceNetworkTotals): number {
  const rate = Math.min(reachChips * tokensPerChip_s, cap_tok_s);
  if (reachChips === liveChips && cap_tok_s === Infinity) return rate;
  const free = Math.min(want_tokens, liveChips * tokensPerChip_s * dt_s);
  const reach = Math.min(want_tokens, reachChips * tokensPerChip_s * dt_s);
  totals.noPathChip_s += (liveChips - reachChips) * dt_s;
  totals.heldNoPath_tokens += free - reach;
  totals.heldDownlink_tokens += reach - Math.min(want_tokens, rate * dt_s);
  totals.downlinkCapacity_tokens += cap_tok_s * dt_s;
  return rate;
}
