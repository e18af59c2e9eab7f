import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import onnxProto from "onnx-proto";
import { createRandom } from "../random.ts";

// onnx-proto is CommonJS: take the namespace from its default import.
const { onnx } = onnxProto;
type INode = import("onnx-proto").onnx.INodeProto;
type ITensor = import("onnx-proto").onnx.ITensorProto;
type IAttribute = import("onnx-proto").onnx.IAttributeProto;

/** Shape and seed of a generated tiny BERT; the defaults give a ~130 KB model. */
export interface TinyBertOptions {
  /** PRNG seed for the weights; the same seed always writes byte-identical files. */
  seed?: number;
  /** Hidden size (default 32). */
  hiddenSize?: number;
  /** Transformer layers (default 2). */
  layers?: number;
  /** Attention heads; must divide hiddenSize (default 2). */
  heads?: number;
  /** Feed-forward width (default 64). */
  intermediateSize?: number;
  /** Longest input in tokens, [CLS] and [SEP] included (default 128). */
  maxPositions?: number;
}

/** What buildTinyBert wrote. */
export interface TinyBertInfo {
  dir: string;
  vocabSize: number;
  hiddenSize: number;
  onnxBytes: number;
}

const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

// A few hundred common English and shop words; anything else falls back to the letter pieces below.
const WORDS = `the a an and or but if of to in on at by for with from up about into over after before under
between out off down than then so not no yes is are was were be been being am do does did done have has had
having will would can could should may might must shall i me my mine you your yours he him his she her it its
we us our they them their this that these those what which who whom whose when where why how all any both each
few more most other some such only own same too very just now here there again once also still even ever never
always often sometimes already soon today tomorrow yesterday week weeks day days month months year years hour
hours minute minutes time please thanks thank hello hi hey help need want like would get got make made take
took give gave send sent go going went come came see look find know think tell ask said say use used try work
buy bought pay paid order orders ordered ordering cart checkout basket item items product products price prices
cost costs cheap expensive discount code coupon sale offer free delivery deliver delivered shipping ship ships
shipped shipment track tracking number package parcel address post postal courier express standard return
returns returned returning refund refunds exchange exchanged replace replacement damaged broken wrong missing
late lost size sizes small medium large fit fits colour color black white red blue green grey brown stock
available account password reset login log sign email phone contact support customer service store shop online
card credit debit invoice receipt bill charge charged payment method paypal cancel cancelled cancellation change
changed update subscription newsletter gift voucher warranty repair jacket jackets boots boot tent tents sleeping
bag bags backpack rain waterproof wool socks gloves hat outdoor hiking camping trail winter summer canada norway
sweden europe usa uk country countries international abroad customs duty duties tax taxes fee fees how long
many much first last next new old good bad best better great problem issue question answer because while until
since during without within across through around near far left right open close closed hours holiday weekend
monday friday one two three four five six seven eight nine ten hundred`
  .split(/\s+/)
  .filter((w) => w !== "");

const SUFFIXES = ["s", "es", "ed", "ing", "er", "ers", "est", "ly", "ment", "ness", "tion", "able", "ful", "less", "y"];
const LETTERS = "abcdefghijklmnopqrstuvwxyz".split("");
const DIGITS = "0123456789".split("");
const PUNCTUATION = ".,!?;:'\"()-/&%$#@*+=<>[]_".split("");

/** The tiny model's WordPiece vocabulary in id order: special tokens, words, letters, digits, punctuation, ## pieces. */
export function tinyBertVocab(): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (t: string): void => {
    if (!seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  for (const t of SPECIAL_TOKENS) add(t);
  for (const t of [...WORDS, ...LETTERS, ...DIGITS, ...PUNCTUATION]) add(t);
  for (const t of [...SUFFIXES, ...LETTERS, ...DIGITS]) add(`##${t}`);
  return out;
}


function createGaussian(seed: number): () => number {
  const rand = createRandom(seed);
  return () => {
    // Box–Muller; 1 - u keeps the log argument in (0, 1].
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

function floatTensor(name: string, dims: number[], values: Float32Array): ITensor {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  };
}

function int64Tensor(name: string, dims: number[], values: number[]): ITensor {
  const data = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

function intAttr(name: string, i: number): IAttribute {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

function floatAttr(name: string, f: number): IAttribute {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}

function intsAttr(name: string, ints: number[]): IAttribute {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): import("onnx-proto").onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/**
 * Encode a BERT encoder (embeddings + `layers` post-LN transformer layers) as ONNX opset 17 with seeded random weights.
 * Inputs input_ids, attention_mask, token_type_ids (int64 [batch, seq]); output last_hidden_state (float [batch, seq, hidden]).
 */
export function buildTinyBertOnnx(vocabSize: number, options: TinyBertOptions = {}): Uint8Array {
  const H = options.hiddenSize ?? 32;
  const L = options.layers ?? 2;
  const heads = options.heads ?? 2;
  const I = options.intermediateSize ?? 64;
  const P = options.maxPositions ?? 128;
  if (H % heads !== 0) throw new Error(`hiddenSize ${H} is not divisible by heads ${heads}`);
  const headDim = H / heads;
  const gauss = createGaussian(options.seed ?? 42);
  const init: ITensor[] = [];
  const nodes: INode[] = [];

  const randomWeight = (name: string, dims: number[], std: number): string => {
    const n = dims.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = gauss() * std;
    init.push(floatTensor(name, dims, v));
    return name;
  };
  const constFloat = (name: string, dims: number[], values: number[]): string => {
    init.push(floatTensor(name, dims, Float32Array.from(values)));
    return name;
  };
  const constInt = (name: string, dims: number[], values: number[]): string => {
    init.push(int64Tensor(name, dims, values));
    return name;
  };
  let counter = 0;
  const op = (opType: string, inputs: string[], attribute: IAttribute[] = [], output?: string): string => {
    const out = output ?? `${opType.toLowerCase()}_${counter++}`;
    nodes.push({ opType, input: inputs, output: [out], name: `${opType}_${counter++}`, attribute });
    return out;
  };
  const layerNorm = (x: string, prefix: string): string =>
    op("LayerNormalization", [x, constFloat(`${prefix}.gamma`, [H], Array(H).fill(1)), constFloat(`${prefix}.beta`, [H], Array(H).fill(0))], [
      intAttr("axis", -1),
      floatAttr("epsilon", 1e-12),
    ]);
  const dense = (x: string, prefix: string, inDim: number, outDim: number): string =>
    op("Add", [op("MatMul", [x, randomWeight(`${prefix}.weight`, [inDim, outDim], 1 / Math.sqrt(inDim))]), constFloat(`${prefix}.bias`, [outDim], Array(outDim).fill(0))]);

  // Embeddings: word + position + token type, then LayerNorm.
  const words = op("Gather", [randomWeight("embeddings.word", [vocabSize, H], 1), "input_ids"]);
  const seqLen = op("Gather", [op("Shape", ["input_ids"]), constInt("const.one_index", [], [1])], [intAttr("axis", 0)]);
  const positionIds = op("Range", [constInt("const.zero", [], [0]), seqLen, constInt("const.one", [], [1])]);
  const positions = op("Gather", [randomWeight("embeddings.position", [P, H], 1), positionIds]);
  const types = op("Gather", [randomWeight("embeddings.token_type", [2, H], 1), "token_type_ids"]);
  let hidden = layerNorm(op("Add", [op("Add", [words, positions]), types]), "embeddings.ln");

  // Additive attention mask [batch, 1, 1, seq]: 0 where attended, -10000 at padding (as in BERT).
  const maskFloat = op("Cast", ["attention_mask"], [intAttr("to", onnx.TensorProto.DataType.FLOAT)]);
  const maskBias = op("Unsqueeze", [
    op("Mul", [op("Sub", [constFloat("const.f_one", [], [1]), maskFloat]), constFloat("const.neg_big", [], [-10000])]),
    constInt("const.mask_axes", [2], [1, 2]),
  ]);
  const splitShape = constInt("const.split_heads", [4], [0, 0, heads, headDim]);
  const mergeShape = constInt("const.merge_heads", [3], [0, 0, H]);
  const scale = constFloat("const.scale", [], [1 / Math.sqrt(headDim)]);
  const half = constFloat("const.half", [], [0.5]);
  const sqrt2 = constFloat("const.sqrt2", [], [Math.SQRT2]);
  const fOne = "const.f_one";

  for (let l = 0; l < L; l++) {
    const p = `layer${l}`;
    const heads4 = (x: string, perm: number[]): string => op("Transpose", [op("Reshape", [x, splitShape])], [intsAttr("perm", perm)]);
    const q = heads4(dense(hidden, `${p}.query`, H, H), [0, 2, 1, 3]);
    const k = heads4(dense(hidden, `${p}.key`, H, H), [0, 2, 3, 1]);
    const v = heads4(dense(hidden, `${p}.value`, H, H), [0, 2, 1, 3]);
    const scores = op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), maskBias]);
    const probs = op("Softmax", [scores], [intAttr("axis", -1)]);
    const context = op("Reshape", [op("Transpose", [op("MatMul", [probs, v])], [intsAttr("perm", [0, 2, 1, 3])]), mergeShape]);
    const attended = layerNorm(op("Add", [dense(context, `${p}.attention_out`, H, H), hidden]), `${p}.attention_ln`);
    // Exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)); the Gelu op only exists from opset 20.
    const up = dense(attended, `${p}.intermediate`, H, I);
    const gelu = op("Mul", [op("Mul", [up, half]), op("Add", [fOne, op("Erf", [op("Div", [up, sqrt2])])])]);
    hidden = layerNorm(op("Add", [dense(gelu, `${p}.output`, I, H), attended]), `${p}.output_ln`);
  }
  op("Identity", [hidden], [], "last_hidden_state");

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "fjell-assistant tiny-bert",
    opsetImport: [{ domain: "", version: 17 }],
    graph: {
      name: "tiny_bert",
      node: nodes,
      initializer: init,
      input: [
        valueInfo("input_ids", onnx.TensorProto.DataType.INT64, ["batch", "sequence"]),
        valueInfo("attention_mask", onnx.TensorProto.DataType.INT64, ["batch", "sequence"]),
        valueInfo("token_type_ids", onnx.TensorProto.DataType.INT64, ["batch", "sequence"]),
      ],
      output: [valueInfo("last_hidden_state", onnx.TensorProto.DataType.FLOAT, ["batch", "sequence", H])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A Hugging Face tokenizers `tokenizer.json` for a lower-casing BERT WordPiece tokenizer over `vocab`. */
export function tinyBertTokenizerJson(vocab: readonly string[]): Record<string, unknown> {
  const id = (t: string): number => vocab.indexOf(t);
  const special = (t: string): { id: string; ids: number[]; tokens: string[] } => ({ id: t, ids: [id(t)], tokens: [t] });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: { "[CLS]": special("[CLS]"), "[SEP]": special("[SEP]") },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/**
 * Write an offline tiny BERT model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx)
 * with seeded random weights: a real WordPiece tokenizer and a real encoder graph, for tests and demos, not for meaning.
 * @example await buildTinyBert("models/hub/tiny-bert", { seed: 42 }); // then createTransformersEmbedder({ modelsDir: "models/hub", model: "tiny-bert" })
 */
export async function buildTinyBert(dir: string, options: TinyBertOptions = {}): Promise<TinyBertInfo> {
  const hiddenSize = options.hiddenSize ?? 32;
  const maxPositions = options.maxPositions ?? 128;
  const vocab = tinyBertVocab();
  const onnxBytes = buildTinyBertOnnx(vocab.length, options);
  const config = {
    model_type: "bert",
    architectures: ["BertModel"],
    vocab_size: vocab.length,
    hidden_size: hiddenSize,
    num_hidden_layers: options.layers ?? 2,
    num_attention_heads: options.heads ?? 2,
    intermediate_size: options.intermediateSize ?? 64,
    hidden_act: "gelu",
    max_position_embeddings: maxPositions,
    type_vocab_size: 2,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    // Marks the weights as random so no one mistakes this folder for a trained model.
    fjell_tiny_bert: { seed: options.seed ?? 42, trained: false },
  };
  const tokenizerConfig = {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    model_max_length: maxPositions,
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
    clean_up_tokenization_spaces: true,
  };
  await mkdir(join(dir, "onnx"), { recursive: true });
  await writeFile(join(dir, "config.json"), JSON.stringify(config, null, 2) + "\n");
  await writeFile(join(dir, "tokenizer_config.json"), JSON.stringify(tokenizerConfig, null, 2) + "\n");
  await writeFile(join(dir, "tokenizer.json"), JSON.stringify(tinyBertTokenizerJson(vocab)) + "\n");
  await writeFile(join(dir, "onnx", "model_quantized.onnx"), onnxBytes);
  return { dir, vocabSize: vocab.length, hiddenSize, onnxBytes: onnxBytes.byteLength };
}
