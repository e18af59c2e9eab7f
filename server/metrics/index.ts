/** Operational metrics for Prometheus (GET /metrics; docs/metrics.md). */
export { createAppMetrics, createMetricsHandler, isLoopback, type AppMetrics, type GaugeSources } from "./prometheus.ts";
