/**
 * `npm run soak -- [--shoppers 1000] [--agents 10] [--minutes 10] [--kill-every 120] [--think-ms 5000] [--json]`
 * Many shoppers and agents against a real server process that is killed with SIGKILL every --kill-every seconds and
 * restarted; then the database is read to count accepted messages lost, unanswered and answered twice (all should be 0).
 */
import { flagBool, flagString, parseArgs } from "./lib/args.ts";
import { runSoak } from "./lib/soak/run-soak.ts";

const HELP = `npm run soak -- [options]
  --shoppers N      concurrent shoppers (default 1000)
  --agents N        agents accepting handoffs (default 10)
  --minutes M       how long shoppers chat (default 10)
  --kill-every S    seconds between two kill -9 of the server (default 120)
  --think-ms MS     pause between a shopper's messages (default 5000, randomised ±50%)
  --handoff-share X share of chats that ask for a person (default 0.05)
  --json            print the report as JSON on stdout (progress stays on stderr)
Example (a busy 2-core machine): npm run soak -- --shoppers 200 --minutes 4`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { valued: ["shoppers", "agents", "minutes", "kill-every", "think-ms", "handoff-share"], boolean: ["json", "help"] });
  if (flagBool(args, "help")) {
    console.log(HELP);
    return;
  }
  const num = (name: string, fallback: string, min: number, max: number) => {
    const v = Number(flagString(args, name, fallback));
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return v;
  };
  const options = {
    shoppers: Math.round(num("shoppers", "1000", 1, 100_000)),
    agents: Math.round(num("agents", "10", 0, 500)),
    minutes: num("minutes", "10", 0.5, 24 * 60),
    killEverySeconds: num("kill-every", "120", 10, 86_400),
    thinkMs: num("think-ms", "5000", 0, 600_000),
    handoffShare: num("handoff-share", "0.05", 0, 1),
  };
  const json = flagBool(args, "json");
  console.error(`soak: ${options.shoppers} shoppers, ${options.agents} agents, ${options.minutes} min, kill -9 every ${options.killEverySeconds} s (starting the server…)`);
  const report = await runSoak({
    ...options,
    onProgress: (p) => console.error(`  ${p.elapsedS}s: sent ${p.sent}, accepted ${p.accepted}, replies ${p.answered}, kills ${p.kills}`),
  });
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`kills ${report.kills} (restart ready in ${report.restartMs.join(", ")} ms); ${report.wallSeconds} s in all`);
  console.log(`messages sent ${report.sent}, accepted ${report.accepted}, never accepted ${report.neverAccepted}`);
  console.log(`accepted but lost ${report.lost}, unanswered ${report.unanswered}, answered twice ${report.duplicated}`);
  console.log(`handoffs accepted by agents ${report.agentsAccepted}`);
  if (report.lost || report.unanswered || report.duplicated) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`soak failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
