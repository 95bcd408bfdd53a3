// Running Conductor as a service: what every process (web, collab, worker)
// shares for logs, metrics and readiness.
export { observeHttpRequest, routeLabel } from "./http";
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  log,
  REDACTED_KEYS,
  safeUrl,
} from "./logger";
export {
  type CollabLoad,
  type Metrics,
  metrics,
  metricsPortFrom,
  reportCollabLoad,
  serveMetrics,
  timed,
} from "./metrics";
export {
  type Check,
  checkReadiness,
  databaseCheck,
  findMigrationsDir,
  httpCheck,
  migrationsCheck,
  NotReady,
  type RawQueries,
  type Readiness,
  readinessBody,
  redisCheck,
} from "./readiness";
export {
  acceptRequestId,
  currentRequestId,
  REQUEST_ID_HEADER,
  requestIdHeaders,
  withRequestId,
} from "./request-id";
