/**
 * The load generator: a pool of connected shoppers (spread over one or more instances) and an open-loop
 * arrival process. Questions arrive at a set rate (exponential gaps); each goes to a shopper who is not
 * waiting for a reply and not "thinking" after the last one; latency is measured from send to reply.
 */
import { createRandom } from "../../../models/random.ts";
import { percentile } from "../metrics.ts";
import { createShopper, type Shopper } from "../shopper.ts";
import type { QuestionSource } from "./questions.ts";

/** Latency figures of a set of turns, ms. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What one load step measured on the client side. */
export interface StepResult {
  offeredPerS: number;
  /** Replies received per second of the step. */
  achievedPerS: number;
  sent: number;
  answered: number;
  /** Error frames for a sent message (rate limit, internal). */
  errors: number;
  /** No reply within the reply timeout. */
  timeouts: number;
  /** Arrivals dropped because every shopper was busy (the pool was too small for the rate). */
  noIdleShopper: number;
  /** Sent messages that got more than one reply frame. */
  duplicated: number;
  /** Replies that handed the shopper to a person (that shopper then leaves the pool). */
  handedOff: number;
  latencyMs: LatencySummary;
}

/** A pool of connected shoppers. */
export interface ShopperPool {
  readonly shoppers: readonly Shopper[];
  /** Ids sent through the pool, by shopper. */
  readonly sent: ReadonlyMap<Shopper, string[]>;
  /** Shoppers whose conversation went to a person (no longer used). */
  readonly handedOff: Set<Shopper>;
  close(): Promise<void>;
}

const round = (x: number) => Math.round(x * 10) / 10;

/** Summarise latencies (NaN when empty). */
export function summarise(values: readonly number[]): LatencySummary {
  return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), p99: round(percentile(values, 99)), max: round(values.length ? Math.max(...values) : NaN) };
}

/**
 * Connect `count` shoppers, round-robin over `urls`, `concurrency` at a time.
 * @example const pool = await connectShoppers(["http://127.0.0.1:3000"], 200);
 */
export async function connectShoppers(urls: readonly string[], count: number, concurrency = 50): Promise<ShopperPool> {
  const shoppers: Shopper[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => {
      const s = createShopper({ prefix: `b${i + j}` });
      return s.connect(urls[(i + j) % urls.length]).then(() => s);
    });
    shoppers.push(...(await Promise.all(batch)));
  }
  const sent = new Map<Shopper, string[]>(shoppers.map((s) => [s, []]));
  return {
    shoppers,
    sent,
    handedOff: new Set(),
    async close() {
      await Promise.all(shoppers.map((s) => s.close()));
    },
  };
}

/** Options of one load step. */
export interface StepOptions {
  ratePerS: number;
  durationS: number;
  questions: QuestionSource;
  /** Mean pause of a shopper between a reply and its next question (uniform 0.5x-1.5x), ms. */
  thinkMs: number;
  /** How long to wait for the last replies after the step, ms (default 30 s). */
  replyTimeoutMs?: number;
  seed: number;
}

/**
 * Run one step at a fixed offered rate and return what the shoppers saw.
 * @example const r = await runStep(pool, { ratePerS: 20, durationS: 10, questions: distinctQuestions(1), thinkMs: 2000, seed: 1 });
 */
export async function runStep(pool: ShopperPool, o: StepOptions): Promise<StepResult> {
  const rand = createRandom(o.seed);
  const idle = new Set(pool.shoppers.filter((s) => !pool.handedOff.has(s)));
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let sent = 0;
  let answered = 0;
  let errors = 0;
  let timeouts = 0;
  let noIdleShopper = 0;
  let handedOff = 0;
  const ids: { shopper: Shopper; id: string }[] = [];
  const t0 = performance.now();
  const end = t0 + o.durationS * 1000;
  let lastReplyAt = t0;

  const arrive = () => {
    const pick = pickIdle(idle, rand);
    if (!pick) {
      noIdleShopper++;
      return;
    }
    idle.delete(pick);
    const id = pick.send(o.questions.next());
    pool.sent.get(pick)?.push(id);
    ids.push({ shopper: pick, id });
    sent++;
    pending.push(
      pick.reply(id, o.replyTimeoutMs ?? 30_000).then(
        ({ frame, ms }) => {
          if (frame.type === "error") errors++;
          else {
            answered++;
            latencies.push(ms);
            lastReplyAt = performance.now();
          }
          // A shopper handed to a person waits for an agent from now on: it leaves the pool.
          if (frame.type === "message" && frame.action === "handoff") {
            handedOff++;
            pool.handedOff.add(pick);
            return;
          }
          const think = o.thinkMs * (0.5 + rand());
          setTimeout(() => idle.add(pick), think).unref();
        },
        () => {
          timeouts++;
        },
      ),
    );
  };

  // Open loop: arrivals at exponential gaps, whatever the replies do.
  for (let next = t0; ; ) {
    next += (-Math.log(1 - rand()) / o.ratePerS) * 1000;
    if (next >= end) break;
    const wait = next - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    arrive();
  }
  await Promise.all(pending);
  // Late duplicates would arrive now.
  await new Promise((r) => setTimeout(r, 300));
  let duplicated = 0;
  for (const { shopper, id } of ids) {
    const replies = shopper.received.filter((r) => r.frame.type === "message" && r.frame.from !== "shopper" && r.frame.replyTo === id).length;
    if (replies > 1) duplicated++;
  }
  const elapsedS = (Math.max(end, lastReplyAt) - t0) / 1000;
  return { offeredPerS: o.ratePerS, achievedPerS: round(answered / elapsedS), sent, answered, errors, timeouts, noIdleShopper, duplicated, handedOff, latencyMs: summarise(latencies) };
}

function pickIdle(idle: Set<Shopper>, rand: () => number): Shopper | undefined {
  if (idle.size === 0) return undefined;
  // A random idle shopper (the set is small enough to walk).
  let k = Math.floor(rand() * idle.size);
  for (const s of idle) if (k-- === 0) return s;
  return undefined;
}
