/**
 * What the load generator's shoppers say: written the way shoppers type (fragments, typos, slang), in
 * two kinds. Distinct questions are never the same text twice (a detail such as an order number, a size,
 * a place or a day varies), so every one misses the embedding cache; repeated questions come from a
 * small set of popular ones, as on a busy day when many shoppers ask the same thing.
 */
import { createRandom, type Random } from "../../../models/random.ts";

/** Popular questions, asked again and again. */
export const POPULAR_QUESTIONS: readonly string[] = [
  "do you ship to norway",
  "how long does delivery take",
  "whats your return policy",
  "can i pay with paypal",
  "where is my order",
  "do you have free shipping",
  "how do i reset my password",
  "is there a warranty on treadmills",
  "can I change my delivery address",
  "how do I cancel my order",
  "do running shoes come in half sizes",
  "what are your opening hours",
];

/** Templates with slots; `{n}` is a number, the others come from the lists below. */
const TEMPLATES: readonly string[] = [
  "where is my order {n}",
  "order {n} hasnt arrived yet, any news?",
  "can i return the {product} i bought {days} days ago",
  "do you ship to {place}",
  "how much is shipping to {place}",
  "is the {product} available in size {size}",
  "my {product} arrived broken what do i do",
  "cancel order {n} please",
  "can i get a refund for order {n}",
  "do u have the {product} in {colour}",
  "how long does delivery to {place} take",
  "i ordered on {day} when will it come",
  "the {product} from order {n} is too small, can i swap it",
  "is there a warranty on the {product}",
  "hi, whats the price of the {product}",
  "can i pay for order {n} with {payment}",
  "wrong size sent in order {n}",
  "do you deliver on {day} to {place}",
  "recommend me {category} for {person}",
  "how do i track parcel {n}",
];

const SLOTS: Record<string, readonly string[]> = {
  product: ["trail runners", "yoga mat", "rowing machine", "kettlebell", "rain jacket", "hiking boots", "tent", "dumbbells", "running shorts", "sports bra", "treadmill", "foam roller", "backpack", "water bottle"],
  place: ["norway", "sweden", "germany", "france", "spain", "the uk", "ireland", "canada", "oslo", "berlin", "madrid", "lyon", "austria", "denmark", "finland", "italy"],
  size: ["36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "s", "m", "l", "xl"],
  colour: ["black", "blue", "red", "green", "grey", "white", "navy", "orange"],
  day: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  payment: ["paypal", "klarna", "a gift card", "apple pay", "visa", "bank transfer"],
  category: ["running shoes", "a home gym", "camping gear", "yoga stuff", "a book on marathons", "a rain jacket"],
  person: ["my dad", "a beginner", "my sister", "a marathon runner", "someone who hikes a lot", "my kids"],
};

/** A source of questions for the load generator. */
export interface QuestionSource {
  readonly kind: "distinct" | "repeated" | "mixed";
  next(): string;
}

function fill(template: string, rand: Random): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot === "n") return String(100000 + Math.floor(rand() * 900000));
    if (slot === "days") return String(2 + Math.floor(rand() * 40));
    const options = SLOTS[slot];
    return options[Math.floor(rand() * options.length)];
  });
}

/**
 * Questions that are never repeated within one source (each misses the embedding cache).
 * @example const q = distinctQuestions(7); q.next(); // "where is my order 486213"
 */
export function distinctQuestions(seed: number): QuestionSource {
  const rand = createRandom(seed);
  const seen = new Set<string>();
  return {
    kind: "distinct",
    next() {
      for (;;) {
        const text = fill(TEMPLATES[Math.floor(rand() * TEMPLATES.length)], rand);
        if (!seen.has(text)) {
          seen.add(text);
          return text;
        }
      }
    },
  };
}

/** The popular questions, drawn at random (after the first round every one is a cache hit). */
export function repeatedQuestions(seed: number): QuestionSource {
  const rand = createRandom(seed);
  return { kind: "repeated", next: () => POPULAR_QUESTIONS[Math.floor(rand() * POPULAR_QUESTIONS.length)] };
}

/** Distinct with probability `distinctShare`, popular otherwise. */
export function mixedQuestions(seed: number, distinctShare: number): QuestionSource {
  const rand = createRandom(seed ^ 0x5bd1e995);
  const d = distinctQuestions(seed);
  const r = repeatedQuestions(seed + 1);
  return { kind: "mixed", next: () => (rand() < distinctShare ? d.next() : r.next()) };
}
