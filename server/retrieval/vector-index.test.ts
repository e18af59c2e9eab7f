import { createExactIndex } from "./exact-index.ts";
import { createHnswIndex } from "./hnsw-index.ts";
import { runVectorIndexContract } from "./vector-index.contract.ts";

runVectorIndexContract("hnsw", (dim) => createHnswIndex({ dim, initialCapacity: 16 }));
runVectorIndexContract("exact", (dim) => createExactIndex({ dim }));
