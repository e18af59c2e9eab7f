/** The seeded random helpers the intent models use (one implementation for all models: models/random.ts). */
export { createRandom, shuffleInPlace, gaussian, type Random } from "../random.ts";
