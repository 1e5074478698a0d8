/** Scenarios: schema, loading with located errors, `--set` overrides, built-in presets. */
export { loadScenario, loadScenarioText, type LoadOptions, type LoadTextOptions } from './load.js';
export {
  addIsoDuration,
  ssoInclination_rad,
  type AcceleratorSpec,
  type BatterySpec,
  type CatalogConstellation,
  type ClusterConstellation,
  type ConstellationSpec,
  type RadiatorSpec,
  type SatelliteDesign,
  type Scenario,
  type SolarArraySpec,
  type SsoConstellation,
  type WalkerConstellation,
} from './normalise.js';
export { scenarioJsonSchema, SCENARIO_SCHEMA_ID, type ScenarioFile } from './schema.js';
export { listPresets, presetPath, presetsDir, PRESET_PREFIX, type PresetInfo } from './presets.js';
export { ScenarioError, formatScenarioProblem, type ScenarioProblem } from './errors.js';
export { parsePath, formatPath, type PathSegment } from './overrides.js';
