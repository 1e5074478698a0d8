/**
 * Progress reporting from long computations, without the domain knowing about terminals:
 * a function that works for more than a moment takes an optional `ProgressSink` and calls it
 * with (done, total). The CLI passes a bar that draws on stderr; tests pass nothing.
 */
export type ProgressSink = (done: number, total: number) => void;

export const noProgress: ProgressSink = () => {};
