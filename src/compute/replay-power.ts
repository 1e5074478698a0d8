/**
 * The replay core's power forecast (replay-core.ts, SimulationOptions.power): the chips each
 * satellite may run so that its bus keeps its energy through the coming orbits (eclipse-aware).
 *
 * Every `forecastEvery_s` (default 600 s) the sunlit fraction is sampled over `forecastHorizon_s`
 * (default two 95-minute orbits) and the sustainable chips are solved over the whole horizon;
 * every step the guard (chips that may run for the next `guard_s`, default 3 steps, leaving the
 * bus its energy through the rest of the forecast) slides along the sampled forecast from the
 * battery state now (forecast.ts EnergyModel).
 */
import type { EnergyModel } from './forecast.js';
import type { SimulationOptions } from './replay-options.js';
import type { PowerView } from './scheduler.js';

export class PowerForecast {
  private nextForecast_s = -Infinity;
  private ahead: Float64Array | undefined;
  private busReq: Float64Array | undefined;
  private aheadSteps = 0;
  private aheadT = 0;

  constructor(private readonly dt: number, private readonly maxChips: Int32Array) {}

  /** At boundary t: refresh the forecast when due (P.sustainable), then the guard (P.guard). */
  update(E: EnergyModel, pw: NonNullable<SimulationOptions['power']>, t: number, P: PowerView): void {
    if (t >= this.nextForecast_s) {
      const h = pw.forecastHorizon_s ?? 2 * 5700;
      const r = E.sampleAhead(pw.sunlit, t, h, this.dt, this.ahead);
      this.ahead = r.ahead; this.aheadSteps = r.steps; this.aheadT = t;
      this.busReq = E.busRequirement(r.ahead, r.steps, this.dt, this.busReq);
      E.chipsWithin(r.ahead, 0, r.steps, r.steps, this.dt, this.maxChips, P.sustainable, this.busReq);
      this.nextForecast_s = t + (pw.forecastEvery_s ?? 600);
    }
    // Guard: what can run for the next few steps and still leave the bus its energy through the rest of the forecast.
    if (this.ahead) {
      const k0 = Math.min(this.aheadSteps - 1, Math.round((t - this.aheadT) / this.dt));
      E.chipsWithin(this.ahead, k0, this.aheadSteps, Math.max(1, Math.round((pw.guard_s ?? 3 * this.dt) / this.dt)), this.dt, this.maxChips, P.guard, this.busReq);
    }
  }
}
