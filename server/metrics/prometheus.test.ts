import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAppMetrics, createMetricsHandler, isLoopback } from "./prometheus.ts";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<string> {
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

describe("Prometheus metrics", () => {
  it("records turns by action with latency, handoffs by reason (figures folded), errors, batch sizes and gauges", async () => {
    const m = createAppMetrics();
    m.turn("answer", 120);
    m.turn("answer", 30);
    m.turn("fallback", 10);
    m.handoff("3 consecutive turns not understood");
    m.handoff("2 consecutive turns not understood");
    m.error("CHAT_ERR_RATE_LIMITED");
    m.embedBatch(5);
    m.gauges({ queue: async () => ({ length: 2, oldestWaitSeconds: 42 }), sockets: () => ({ chat: 3, agent: 1 }) });
    const { text, contentType } = await m.scrape();
    expect(contentType).toMatch(/text\/plain/);
    expect(text).toContain('fjell_turns_total{action="answer"} 2');
    expect(text).toContain('fjell_turn_duration_seconds_bucket{le="0.05",action="answer"} 1');
    expect(text).toContain('fjell_handoffs_total{reason="n consecutive turns not understood"} 2');
    expect(text).toContain('fjell_errors_total{code="CHAT_ERR_RATE_LIMITED"} 1');
    expect(text).toContain('fjell_embedder_batch_size_bucket{le="8"} 1');
    expect(text).toContain("fjell_queue_length 2");
    expect(text).toContain("fjell_queue_oldest_wait_seconds 42");
    expect(text).toContain('fjell_sockets_open{kind="chat"} 3');
  });

  it("wants the token when one is set, and answers only loopback callers otherwise", async () => {
    const m = createAppMetrics();
    const url = await serve(createMetricsHandler(m, { token: "a-long-metrics-token" }));
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-of-same" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer a-long-metrics-token" } })).status).toBe(200);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.5")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
    expect(isLoopback("::ffff:192.168.1.2")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
