export { type Analyzer, analyze, blocksOfText, createAnalyzer } from "./analyze/analyze";
export { warmthOfTone } from "./analyze/assemble/brief-check";
export { type SmsReport, smsReport } from "./analyze/sms";
export type {
  AnalysisResult,
  AnalyzeInput,
  AnalyzeOptions,
  BriefReport,
  CallDriver,
  DimensionScore,
  Finding,
  InputBlock,
  MessageFields,
  TaraReport,
  TaraScore,
  ToneClass,
  ToneDimension,
  ToneLevels,
  ToneReport,
} from "./analyze/types";
export {
  type Brief,
  briefSchema,
  type Channel,
  channels,
  parseRuleSet,
  type RuleSet,
  RuleSetError,
  ruleSetSchema,
} from "./config";
export * as formulas from "./metrics/formulas";
export {
  type Dimension,
  type RuleDefinition,
  ruleDefinitions,
  type Severity,
} from "./rules/registry";
export {
  defaultDimensionWeights,
  defaultThresholds,
  sentenceWordsByChannel,
} from "./rules/thresholds";
