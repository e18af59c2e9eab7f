/**
 * Every fixed shopper-facing reply of the server, in English: the reference catalogue. Placeholders are `{name}`;
 * every other catalogue has exactly the same keys and placeholders (checked by catalogue.test.ts).
 * Prices, dates and lists are formatted by the caller with format.ts before they fill a placeholder.
 */
export const EN = {
  // dialogue/engine.ts: smalltalk, capabilities and fallback
  "smalltalk.greeting": "Hi! I'm the {shop} assistant. Ask me about shipping, returns, your orders, or gear recommendations.",
  "smalltalk.thanks": "You're welcome! Anything else I can help with?",
  "smalltalk.goodbye": "Thanks for stopping by {shop}. Happy training!",
  capabilities:
    "I can help with shipping and delivery, returns and refunds, your orders, payment, Summit Club membership, warranties, your account and privacy, product advice, or connect you with a person.",
  fallback:
    "Sorry, I can't help with that. I can help with shipping and delivery, returns and refunds, your orders, payment, Summit Club membership, warranties, your account and privacy, product advice, or connect you with a person.",
  // quick replies (the text is sent back as the shopper's message when tapped)
  "quick.shippingOptions": "Shipping options",
  "quick.returnPolicy": "Return policy",
  "quick.whereIsMyOrder": "Where is my order?",
  "quick.talkToPerson": "Talk to a person",
  "quick.keepOrder": "Keep my order",
  "quick.continueAnyway": "Continue anyway",
  "quick.continueInEnglish": "Continue in English",
  // dialogue/engine.ts: handoff
  "handoff.default": "I'm passing this conversation to a person from our support team; they'll see everything we've said so far.",
  "handoff.requested": "Of course. I'm passing this conversation to a person from our support team; they'll see everything we've said so far.",
  "handoff.tooMany": "I can't pass more conversations to our team from here right now. Please try again a little later.",
  "handoff.upset": "I'm really sorry about this. I'm bringing in a person from our support team right away; they'll see everything we've said.",
  "handoff.valuedCustomer": "I'm sorry about this. As one of our most valued customers, I'm bringing in a person from our support team to sort it out personally.",
  "handoff.notUnderstood": "I'm sorry I couldn't help with that. I'm bringing in a person from our support team to take over.",
  // dialogue/engine.ts: clarify, recommend, upsell, purchase
  "clarify.topic": "Happy to help with that. Which one do you mean: {options}?",
  "clarify.twoEntries": "Just to be sure I answer the right question: do you mean {first} or {second}?",
  "recommend.intro": "Here are a few I'd suggest:",
  "upsell.intro": "Great choice! Customers who buy it often add this too:",
  "purchase.noUpsell": "Great choice! You can add it to your cart from its product page. Anything else I can help with?",
  // dialogue/engine.ts: retention offers
  "retention.freeReturnLabel":
    "I'm sorry this didn't work out. As a thank-you for shopping with us, your return label is on us: the {fee} fee won't be deducted from your refund (reference {code}).",
  "retention.coupon":
    "I'm sorry to hear that. You've been a valued customer, so before you go: here's {amount} off your next order with code {code} (valid 30 days). If you'd still like to go ahead, just say so and I'll help.",
  // dialogue/engine.ts: order look-up and verification
  "order.notOnAccount": "I can't find order {orderId} on your account. Could you check the number? It looks like FF-123456.",
  "order.noOrders": "I can't see any orders on your account yet.",
  "order.differentOrder": "If you meant a different order, just tell me its number.",
  "order.tooManyChecks": "I can't check more orders in this chat. Please sign in to see your orders, or ask for a person from our support team.",
  "order.mismatch": "I couldn't match that order number with that e-mail address. Please check both and send them again (the e-mail must be the one used for the order).",
  "order.askEmail": "Thanks! To protect your privacy, what's the e-mail address used for order {orderId}?",
  "order.askNumber": "Thanks! And the order number? It looks like FF-123456.",
  "order.askBoth": "I can look that up. Please send your order number (it looks like FF-123456) and the e-mail address used for the order.",
  // dialogue/orders.ts: order status descriptions
  "order.head": "Order {orderId} (placed {placed}; {items})",
  "order.processing": "{head} is being prepared and hasn't shipped yet, so it can still be cancelled or its address changed. Expected delivery: {window} ({method}).",
  "order.shipped": "{head} shipped on {shipped}. Expected delivery: {window} ({method}).",
  "order.shippedTracked": "{head} shipped on {shipped} with {carrier}, tracking number {trackingNumber}. Expected delivery: {window} ({method}).",
  "order.theCarrier": "the carrier",
  "order.delivered": "{head} was delivered on {delivered}. If something is wrong with it, I can help with a return or a damaged item.",
  "order.deliveredTracked": "{head} was delivered on {delivered}. Tracking number: {trackingNumber}. If something is wrong with it, I can help with a return or a damaged item.",
  "order.returned": "{head} was returned on {returned}. Refunds go back to the original payment method within 5–7 business days after the return arrives at our warehouse.",
  "order.cancelled": "{head} was cancelled on {cancelled}, before it shipped, free of charge.",
  "transit.express": "express shipping, 1–2 business days",
  "transit.canada": "shipping to Canada, 5–9 business days",
  "transit.international": "international shipping, 7–12 business days",
  "transit.freight": "freight delivery with a 4-hour window booked by phone",
  "transit.standard": "standard shipping, 3–5 business days",
  // handoff/handoff-service.ts: system messages to the shopper
  "handoff.agentJoined": "{agent} from our support team has joined the chat.",
  "handoff.anAgent": "an agent",
  "handoff.transferredToAgent": "You're now chatting with {agent}.",
  "handoff.transferredToTeam": "I'm passing you to our {team} team; please stay in the chat.",
  "handoff.backToBot": "You're back with our assistant. Ask me anything, or ask for a person again at any time.",
  "handoff.closed": "{agent} has closed this chat. How did we do? Please rate this conversation.",
  "team.orders": "orders",
  "team.returns": "returns",
  "team.equipment": "equipment",
  "team.general": "customer service",
  // handoff/handoff-service.ts: out-of-hours tickets
  "ticket.offline":
    "Our support team is offline right now (hours: {hours}). Leave your email address and your message here, and a person from our team will reply by email within one business day.",
  "ticket.withdrawn": "No problem, I won't pass a message on. What else can I help you with?",
  "ticket.askEmail": "Thanks, I've noted that. What email address should our team reply to?",
  "ticket.saved": "Thanks! Your message is saved as ticket #{ticketId}. A person from our team will reply to the email address you gave within one business day.",
  "hours.always": "around the clock",
  // i18n: a language with no knowledge translations
  "language.continueInEnglish": "Sure! Ask me anything in English.",
  "language.englishOnly": "I can only answer in English for now. You're welcome to keep writing in English, or I can connect you with a person from our team.",
} as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof EN;

/** A full catalogue: a text for every key. */
export type MessageCatalogue = Readonly<Record<MessageKey, string>>;
