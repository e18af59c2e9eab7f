/**
 * Download a transformers.js model (quantized ONNX + tokenizer + config) from the Hugging Face hub into models/hub/<id>,
 * for machines with internet. The server itself never downloads.
 * Usage: npm run models:fetch -- <hub id, e.g. Xenova/all-MiniLM-L6-v2> [--dir models/hub] [--json]
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { createTransformersEmbedder, fetchTransformersModel } from "../models/embedders/index.ts";
import { isAppError } from "../server/errors.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: "string", default: "models/hub" },
    json: { type: "boolean", default: false },
  },
});

async function main(): Promise<void> {
  const [model, ...extra] = positionals;
  if (!model || extra.length > 0) {
    throw new Error("Usage: npm run models:fetch -- <hub id>   e.g. npm run models:fetch -- Xenova/all-MiniLM-L6-v2");
  }
  const bars = new cliProgress.MultiBar({ format: "{file} {bar} {percentage}%", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  const perFile = new Map<string, cliProgress.SingleBar>();
  let dir: string;
  try {
    dir = await fetchTransformersModel(values.dir!, model, {
      onProgress: ({ file, progress }) => {
        let bar = perFile.get(file);
        if (!bar) perFile.set(file, (bar = bars.create(100, 0, { file })));
        bar.update(Math.round(progress), { file });
      },
    });
  } finally {
    bars.stop();
  }
  // Prove the download is usable offline, exactly as the server will load it.
  const embedder = await createTransformersEmbedder({ modelsDir: values.dir!, model });
  await embedder.dispose?.();
  if (values.json) console.log(JSON.stringify({ model, dir, embedder: embedder.name, dim: embedder.dim }));
  else console.log(`${model} saved in ${dir}; loads offline as ${embedder.name} (dim ${embedder.dim}). Use embedder spec "transformers:${model}".`);
}

main().catch((err: unknown) => {
  console.error(isAppError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
