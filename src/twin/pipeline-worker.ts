/**
 * Entry of the orbit-stage worker thread (pipeline.ts): runs the stage over the job in workerData
 * and says "ready" once its propagator is built. Loaded from compiled JavaScript only.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runOrbitStageWorker, type OrbitStageJob } from './pipeline.js';

const job = workerData as OrbitStageJob | undefined;
if (!isMainThread && job?.kind === 'orbitdc-orbit-stage') {
  runOrbitStageWorker(job, () => parentPort?.postMessage('ready'));
}
