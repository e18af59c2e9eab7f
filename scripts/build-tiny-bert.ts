/**
 * Build the offline tiny BERT test model (random seeded weights, real WordPiece tokenizer) and check that it loads.
 * Usage: npm run models:tiny [-- --dir models/hub/tiny-bert] [--seed 42] [--json]
 */
import { basename, dirname } from "node:path";
import { parseArgs } from "node:util";
import { createTransformersEmbedder } from "../models/embedders/index.ts";
// Not in the embedders index: it needs onnx-proto, a devDependency the production server must not import.
import { buildTinyBert } from "../models/embedders/tiny-bert.ts";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "models/hub/tiny-bert" },
    seed: { type: "string", default: "42" },
    json: { type: "boolean", default: false },
  },
});

async function main(): Promise<void> {
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`);
  const dir = values.dir!;
  const info = await buildTinyBert(dir, { seed });
  // Load it the way the server would, so a broken build fails here rather than at start-up.
  const embedder = await createTransformersEmbedder({ modelsDir: dirname(dir), model: basename(dir) });
  const [probe] = await embedder.embed(["do you ship to Canada?"]);
  await embedder.dispose?.();
  const result = { ...info, seed, embedder: embedder.name, dim: embedder.dim, probeLength: probe.length };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`tiny BERT written to ${dir}: vocab ${info.vocabSize}, hidden ${info.hiddenSize}, onnx ${info.onnxBytes} bytes, seed ${seed}`);
    console.log(`loads as ${embedder.name} (dim ${embedder.dim}); random weights: for tests and plumbing, not for meaning`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
