/**
 * The words that say what a shopper asks about a product, per language. Only English is written;
 * another language adds a `QuestionCues` object to `QUESTION_CUES` under its locale code.
 */

/** What a shopper can ask about a named product. */
export const PRODUCT_ATTRIBUTES = [
  "price", "stock", "sizes", "colours", "weight", "dimensions", "materials", "features", "warranty", "delivery", "comparison", "overview",
] as const;

/** One thing a shopper can ask about a product. */
export type ProductAttribute = (typeof PRODUCT_ATTRIBUTES)[number];

/** A feature a shopper may ask about, with the catalogue evidence that it has it. */
export interface FeatureCue {
  /** Stable key, e.g. "waterproof". */
  key: string;
  /** How shoppers ask for it. */
  ask: RegExp;
  /** Tags that show the product has it. */
  tags: readonly string[];
  /** Wording in the description or name that shows it. */
  text?: RegExp;
}

/** The cue patterns of one language, tried in the order the parser documents. */
export interface QuestionCues {
  /** Topics the policy FAQ answers even when a product is named (returns, price match, damage). */
  policy: RegExp;
  comparison: RegExp;
  /** Which is lighter / cheaper: the attribute a comparison is about. */
  compareOn: readonly { attribute: "price" | "weight"; cue: RegExp }[];
  warranty: RegExp;
  delivery: RegExp;
  materials: RegExp;
  weight: RegExp;
  dimensions: RegExp;
  colours: RegExp;
  sizes: RegExp;
  stock: RegExp;
  price: RegExp;
  /** Asks for the list of features ("what features", "specs"). */
  featureList: RegExp;
  /** A yes/no or "does it have" question about some property ("is it", "does it have", "good for"). */
  featureQuestion: RegExp;
  overview: RegExp;
  features: readonly FeatureCue[];
  /** Material words the catalogue's descriptions use. */
  materialWords: RegExp;
  /** Size phrases: group 1 is the size ("size 10.5", "in a 9", "in medium"). */
  sizePhrases: readonly RegExp[];
  /** Letter-size words to labels ("medium" -> "M"). */
  sizeWords: Readonly<Record<string, string>>;
  /** Colour names shoppers use (the catalogue's variant colours are added at run time). */
  colourWords: readonly string[];
}

const fc = (key: string, ask: RegExp, tags: readonly string[], text?: RegExp): FeatureCue => ({ key, ask, tags, text });

/** English cues. */
export const ENGLISH_CUES: QuestionCues = {
  policy:
    /\b(return(s|ed|ing)?|refunds?|exchange|swap|price[- ]?match(ing)?|promo|coupons?|discount|vouchers?|cancel(led|ling)?|tracking|track (my|an?) |where('?s| is) my|my order|order (number|status)|damaged|broken|faulty|defect(ive)?|arrived|gift ?cards?|password|account|sale start|black friday)\b/i,
  comparison: /\b(vs\.?|versus|compare[ds]?|comparison|difference|differ(ent)?|which (one )?(is|are|should|would)|better|or the)\b/i,
  compareOn: [
    { attribute: "weight", cue: /\b(light(er|est)?|heav(y|ier|iest)|weigh(s|t)?)\b/i },
    { attribute: "price", cue: /\b(cheap(er|est)?|expensive|pricier|cost(s|lier)?|price)\b/i },
  ],
  warranty: /\b(warrant(y|ies)|guarantee[ds]?)\b/i,
  delivery: /\b(deliver(y|ed|s)?|ship(s|ped|ping)?|freight|courier|p\.?\s?o\.? box|come by|arrive)\b/i,
  materials: /\b(made (of|from|out of|with)|materials?|fabric|what('?s| is) it made|composition)\b/i,
  weight: /\b(weigh(s|t|ing)?|how heavy|heavy|heavier|grams?|kilos?|pounds?|lbs?)\b/i,
  dimensions: /\b(dimensions?|measurements?|measure|how (big|long|wide|tall|high|large|deep)|length|width|height|footprint|packed size|pack size|what size is|fit in)\b/i,
  colours: /\b(colou?rs?|colou?rways?|shades?)\b|\bcome in (a )?(?=[a-z]+\b)/i,
  sizes: /\b(sizes|sizing|size range|what size|which size|half sizes?)\b/i,
  stock: /\b(in stock|stock(ed)?|available|availability|sold out|out of stock|left|back in|restock(ed)?|have (you )?got|do (you|u) (have|carry|sell)|can i (get|buy|order)|you got)\b/i,
  price: /(\$)|\b(price[ds]?|pricing|cost(s|ing)?|how'?s? much|expensive|cheap|dollars?|usd|on sale)\b/i,
  featureList: /\b(features|specs|specifications|what does it have|what('?s| is) special)\b/i,
  featureQuestion: /\b(features?|specs?|specifications?|good for|does (it|they|the)|do (they|the)|is (it|the)|are (they|the)|has (it|the)|have (a|an|any)|come with|suitable|ok for)\b/i,
  overview: /\b(tell me (about|more)|what('?s| is| are)|info(rmation)?|details?|describe|about the|thoughts on|any good)\b/i,
  features: [
    fc("waterproof", /\b(water ?proof|keep (out )?(the )?rain|rain ?proof|in the rain|wet weather|rain)\b/i, ["waterproof", "water-resistant"], /waterproof|water-resistant/i),
    fc("breathable", /\b(breathab\w*|ventilat\w*|sweaty|hot feet)\b/i, ["breathable", "ventilated"], /breath|ventilat/i),
    fc("folding", /\b(fold(s|ing|able|s up| up)?|collaps\w*|fold away)\b/i, ["folding", "collapsible"], /fold|collaps/i),
    fc("bluetooth", /\b(bluetooth|app|connect\w*|zwift)\b/i, ["bluetooth"], /bluetooth/i),
    fc("incline", /\b(incline|inclines|gradient|hill mode)\b/i, ["incline"], /incline/i),
    fc("cushioned", /\b(cushion\w*|plush|soft)\b/i, ["cushioned"], /cushion/i),
    fc("reflective", /\b(reflective|visibility|visible at night|hi[- ]?vis)\b/i, ["reflective"], /reflective/i),
    fc("rechargeable", /\b(recharg\w*|usb|charg\w*|batteries)\b/i, ["rechargeable"], /recharge/i),
    fc("red-light", /\b(red (light|mode)|night[- ]?vision)\b/i, ["red-light"], /red night-vision|red mode/i),
    fc("battery", /\b(battery( life)?|burn time|run ?time|how long does (it|the battery) last)\b/i, ["long-battery"], /burn time|battery/i),
    fc("vegan", /\b(vegan|plant[- ]based|dairy[- ]free)\b/i, ["vegan"], /vegan/i),
    fc("caffeine", /\b(caffein\w*)\b/i, ["caffeine"], /caffeine/i),
    fc("protein", /\b(protein)\b/i, ["protein"], /protein/i),
    fc("carbs", /\b(carbs?|carbohydrates?)\b/i, ["carbs"], /carbohydrate/i),
    fc("pages", /\b(pages?|how long is (the|this) book|paperback|hardcover|hardback)\b/i, [], /\d+ pages|paperback|hardcover/i),
    fc("heel-drop", /\b(drop|offset|heel[- ]to[- ]toe)\b/i, ["8mm-drop"], /drop/i),
    fc("stability", /\b(overpronat\w*|stability|flat feet|pronation)\b/i, ["stability"], /overpronat|stable/i),
    fc("carbon-plate", /\b(carbon plate|plated|plate)\b/i, ["carbon-plate", "rock-plate"], /plate/i),
    fc("wide-fit", /\b(wide (fit|feet|toe ?box)|wide[- ]fit|toe box)\b/i, ["wide-fit"], /wide toe box|wide fit/i),
    fc("grip", /\b(grip|traction|lugs|slippery|mud(dy)?)\b/i, ["wet-grip", "grip", "non-slip"], /grip|lugs|non-slip/i),
    fc("non-slip", /\b(non[- ]?slip|slip(s|pery)?)\b/i, ["non-slip"], /non-slip/i),
    fc("hood", /\b(hood(ed|s)?)\b/i, [], /hooded|\bhood\b/i),
    fc("insulated", /\b(insulat\w*|warm(th)?|cold)\b/i, ["insulated", "thermal", "warm", "down"], /insulat|thermal|warm/i),
    fc("pockets", /\b(pockets?)\b/i, ["pockets"], /pocket/i),
    fc("strap", /\b(strap|carry(ing)? (strap|handle))\b/i, [], /strap/i),
    fc("stuff-sack", /\b(stuff sack|compression sack|sack)\b/i, [], /stuff sack/i),
    fc("filter", /\b(filter\w*)\b/i, ["filter"], /filter/i),
    fc("monitor", /\b(monitor|display|screen|console)\b/i, ["monitor"], /monitor/i),
    fc("lightweight", /\b(lightweight|ultra ?light)\b/i, ["lightweight", "ultralight"], /ultralight|lightweight/i),
    fc("quiet", /\b(quiet|silent|noise|noisy|loud)\b/i, [], /silent|quiet/i),
    fc("racing", /\b(rac(e|es|ing)|race day|marathon|5k|10k)\b/i, ["racing"], /racing|race/i),
    fc("storage", /\b(storage|store)\b/i, ["storage"], /storage/i),
    fc("adjustable", /\b(adjust\w*)\b/i, ["adjustable"], /adjust/i),
    fc("pull-up", /\b(pull[- ]?ups?( bar)?|chin[- ]?ups?)\b/i, ["pull-up"], /pull-up/i),
    fc("load-rating", /\b(load|max(imum)? weight|weight (limit|capacity|rating)|how much (weight|can it hold))\b/i, ["heavy-duty"], /load rating/i),
    fc("temperature-rating", /\b(temperature|temp rating|comfort rating|degrees|how warm)\b/i, [], /-?\d+ ?°?C\b/),
    fc("washable", /\b(wash\w*|dishwasher|dryer)\b/i, [], /wash/i),
    fc("stack-height", /\b(stack( height)?)\b/i, [], /stack height/i),
  ],
  materialWords:
    /\b(merino wool|merino|wool|11-gauge steel|steel|cast-iron|cast iron|carbon-rubber|carbon|cork|natural rubber|rubber|urethane|aluminium|aluminum|latex-free fabric|700-fill down|down|engineered mesh|mesh|PEBA foam|foam|chrome|nylon|polyester|cotton|vinyl|synthetic insulation|BPA-free materials)\b/i,
  sizePhrases: [
    /\b(?:size|sz|us|uk|mens|men'?s|womens|women'?s)\s*(\d{1,2}(?:\.5)?)\b/i,
    /\b(?:size|sz)\s+(xxs|xs|s|m|l|xl|xxl|small|medium|large|extra[- ]large)\b/i,
    /\bin (?:an? )?(\d{1,2}(?:\.5)?)(?!\s*(?:kg|mm|cm|l|ml|pack|person|servings?)\b)\b/i,
    /\bin (?:an? )?(xxs|xs|xl|xxl|small|medium|large|extra[- ]large|s|m|l)\b(?!\s*\w*\s*(?:room|space|car|bag)\b)/i,
    /\b(small|medium|large|extra[- ]large|xxl|xl|xs)\b(?=\s*\??\s*$)/i,
  ],
  sizeWords: { small: "S", medium: "M", large: "L", "extra large": "XL", "extra-large": "XL" },
  colourWords: [
    "black", "white", "blue", "navy", "red", "orange", "grey", "gray", "volt", "yellow", "green", "olive", "teal", "coral", "charcoal",
    "purple", "sand", "slate", "rust", "pink", "heather grey", "forest green", "brown", "beige",
  ],
};

/** Cue tables by locale; unknown locales use English. */
export const QUESTION_CUES: Readonly<Record<string, QuestionCues>> = { en: ENGLISH_CUES };
