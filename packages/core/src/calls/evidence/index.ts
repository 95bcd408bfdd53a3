// The evidence statistics as a package entry (`@conductor/core/evidence`), for
// the bench and any tool that works on simulated histories; the product
// reaches them through the use cases in calls/.
export { type Calibration, crossValidate, predictHeldBack } from "./calibration";
export { buildDesign, featuresOfAnalysis, type MessageFeatures, rowOf } from "./features";
export { fitLogLinear, type GlmData, type GlmFit, type GlmPrior } from "./glm";
export {
  type EvidenceModel,
  fitEvidenceModel,
  linearPredictor,
  MINIMUM_RELEASES,
  measuredInterval,
  type Observation,
  PRIOR,
  predict,
  ruleEffects,
} from "./model";
export { applyChanges, PROPOSAL, proposeChanges } from "./proposals";
export {
  defaultRules,
  observationsOf,
  type SimulatedRule,
  simulateHistory,
  windowUnits,
} from "./simulate";
