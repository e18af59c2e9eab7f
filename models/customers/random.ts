/** The seeded random helpers the customer models use (one implementation for all models: models/random.ts). */
export { createRandom, shuffled } from "../random.ts";
