/**
 * Questions shoppers of the demo shop ask that its knowledge does not answer, each theme in several wordings: the
 * demo history's fallbacks and handoffs use them, so the admin's unanswered-questions list shows real groups.
 */
export const UNANSWERED_THEMES: readonly { theme: string; questions: readonly string[]; weight: number }[] = [
  { theme: "gift wrapping", weight: 5, questions: ["do you offer gift wrapping?", "can you gift wrap my order", "is gift wrap available", "can I add gift wrapping to an order", "do you wrap presents", "gift wrapping option?"] },
  { theme: "price match", weight: 4, questions: ["do you price match?", "will you match a lower price from another store", "price matching policy?", "I found it cheaper elsewhere, can you match the price", "do you have a price match guarantee"] },
  { theme: "student discount", weight: 3, questions: ["do you have a student discount", "is there a discount for students", "student discount code?", "any deals for university students"] },
  { theme: "buy now pay later", weight: 3, questions: ["can I pay with klarna", "do you offer buy now pay later", "can I pay in instalments", "is afterpay available", "can I split the payment into installments"] },
  { theme: "store pickup", weight: 3, questions: ["can I pick up my order in store", "do you have click and collect", "is there a physical shop I can collect from", "in-store pickup possible?"] },
  { theme: "bike assembly", weight: 2, questions: ["do you assemble the exercise bike", "is assembly service available for the treadmill", "can someone set up my home gym", "do you offer installation of equipment"] },
  { theme: "shoe resoling", weight: 2, questions: ["can you resole my running shoes", "do you repair worn out shoe soles", "shoe repair service?"] },
];
