/**
 * Test fixture: 60 shopper questions a small outdoor/fitness shop's assistant might fail on, 10 in each of 6
 * topics, with the typos, fragments and slang of real chat. Written by hand for this project (no third-party
 * text), so it is covered by the project's own licence and may be redistributed with it.
 */

/** The six topics of the fixture. */
export const FIXTURE_TOPICS = ["gift-wrap", "shoe-size", "ship-norway", "price-match", "student-discount", "treadmill-assembly"] as const;

/** One fixture question and its topic. */
export interface FixtureQuestion {
  readonly text: string;
  readonly topic: (typeof FIXTURE_TOPICS)[number];
}

const byTopic: Record<FixtureQuestion["topic"], string[]> = {
  "gift-wrap": [
    "Do you offer gift wrapping?",
    "can you gift wrap my order",
    "is gift wrapping available for the running jacket",
    "gift wrap option at checkout??",
    "how much does gift wrapping cost",
    "I want it gift wrapped, it's a present for my dad",
    "can u wrap it as a gift pls",
    "do you do gift wrap and a little note",
    "gift wrapping for christmas orders?",
    "any gift wrap service",
  ],
  "shoe-size": [
    "Do the trail shoes come in half sizes?",
    "is size 44.5 available in the trail runners",
    "do your running shoes run small or true to size",
    "what shoe size should I order if im between sizes",
    "half size for the Fjell trail shoe?",
    "shoes sizing runs big?",
    "need a size chart for the running shoes",
    "do i size up in the road shoes",
    "are the shoes true to size",
    "EU 39.5 shoe size in stock?",
  ],
  "ship-norway": [
    "Do you ship to Norway?",
    "can you deliver to Oslo",
    "shipping to norway how long",
    "do you send orders outside the EU, like norway",
    "international shipping to Norway cost?",
    "will my package get stuck in norwegian customs",
    "ship to bergen norway?",
    "do u ship to norway or only sweden",
    "how much is delivery to Norway",
    "norway shipping possible?",
  ],
  "price-match": [
    "Do you price match?",
    "I found the same kettlebell cheaper elsewhere, will you match the price",
    "price match with another shop?",
    "can you match a lower price from a competitor",
    "price matching policy??",
    "another store sells it for 20 less, can you match it?",
    "do you beat competitors prices",
    "if it's cheaper at another store do you match",
    "price match guarantee",
    "will you match amazon's price",
  ],
  "student-discount": [
    "Do you have a student discount?",
    "discount for students?",
    "im a uni student, any discount code",
    "student discount on running shoes",
    "do students get money off",
    "is there a student price",
    "can i use my student card for a discount",
    "any deals for college students",
    "student discount code pls",
    "do you do UNiDAYS or student beans",
  ],
  "treadmill-assembly": [
    "How do I assemble the treadmill?",
    "treadmill assembly instructions",
    "lost the manual for putting together the treadmill",
    "do you offer treadmill assembly service",
    "how long does it take to set up the treadmill",
    "can someone come and assemble my treadmill",
    "treadmill came in a box, how to build it",
    "need help putting the treadmill together",
    "is assembly included with the treadmill",
    "where are the assembly instructions for the T500 treadmill",
  ],
};

/** All 60 fixture questions, topic by topic. */
export const FIXTURE_QUESTIONS: readonly FixtureQuestion[] = FIXTURE_TOPICS.flatMap((topic) => byTopic[topic].map((text) => ({ text, topic })));
