/** Cleanup actions for in-flight outputs (partial files), run by main.ts on Ctrl-C. */
export const onInterrupt = new Set<() => void>();
