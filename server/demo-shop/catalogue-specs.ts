/**
 * The hand-written raw material of the Fjell & Field catalogue: categories, subcategories,
 * invented brands, model names, feature phrases, price/weight/stock ranges and search phrases.
 * The generator (catalogue.ts) combines them with a seeded random source.
 */

/** The five category ids of the demo shop, exactly as stored in `products.category`. */
export const CATEGORY_IDS = ["fitness-equipment", "sports-books", "running-shoes", "apparel", "outdoor-gear"] as const;

/** One of the demo shop's category ids. */
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** A selling point of a product: the phrase used in its description and the tag it adds. */
export interface FeatureSpec {
  text: string;
  tag: string;
}

/** How the products of one subcategory are made up. */
export interface SubcategorySpec {
  id: string;
  category: CategoryId;
  /** Singular noun for descriptions, e.g. "trail running shoe". */
  noun: string;
  /** How many products of this subcategory the catalogue holds. */
  count: number;
  brands: readonly string[];
  models: readonly string[];
  /** Appended to the model for variety and unique names ("" allowed). */
  variants: readonly string[];
  /** Appended after the variant, e.g. " Treadmill" ("" for none). */
  suffix: string;
  /** Price range in dollars. */
  price: readonly [number, number];
  weightKg: readonly [number, number];
  stock: readonly [number, number];
  consumable: boolean;
  /** Purpose phrases: "for ..." completions. */
  uses: readonly string[];
  features: readonly FeatureSpec[];
  tags: readonly string[];
  /** What shoppers type into search when they look for this kind of product. */
  queries: readonly string[];
}

/** A book of the sports-books category. */
export interface BookSpec {
  subcategory: "training-books" | "biographies" | "nutrition-books";
  title: string;
  author: string;
  blurb: string;
  tags: readonly string[];
}

const f = (text: string, tag: string): FeatureSpec => ({ text, tag });

/** Every non-book subcategory, in catalogue order. */
export const SUBCATEGORY_SPECS: readonly SubcategorySpec[] = [
  // fitness-equipment
  {
    id: "treadmills", category: "fitness-equipment", noun: "treadmill", count: 6,
    brands: ["IronPeak", "Stridemaster", "Velora Fitness"], models: ["T-450", "T-650", "Cadence 9", "Tempo X", "Summit Run"],
    variants: ["", " Pro", " Folding"], suffix: " Treadmill",
    price: [899, 2499], weightKg: [68, 125], stock: [2, 25], consumable: false,
    uses: ["for daily training runs at home", "for serious marathon preparation indoors", "for walking and jogging in small spaces"],
    features: [f("a 3.5 HP continuous-duty motor", "motor"), f("incline up to 15%", "incline"), f("a cushioned deck that is kind to knees", "cushioned"),
      f("a fold-up frame with transport wheels", "folding"), f("Bluetooth heart-rate pairing", "bluetooth"), f("a 10-year motor and frame warranty", "warranty")],
    tags: ["home-gym", "cardio", "freight"], queries: ["treadmill", "folding treadmill", "incline treadmill", "home treadmill", "treadmil"],
  },
  {
    id: "exercise-bikes", category: "fitness-equipment", noun: "exercise bike", count: 6,
    brands: ["Velora Fitness", "Spinwell", "IronPeak"], models: ["Cycle 300", "Studio S2", "Aero Spin", "Cadence Bike", "Ridge Trainer"],
    variants: ["", " Plus", " Magnetic"], suffix: "",
    price: [399, 1499], weightKg: [24, 48], stock: [3, 40], consumable: false,
    uses: ["for indoor cycling classes at home", "for low-impact cardio", "for winter base miles"],
    features: [f("silent magnetic resistance with 32 levels", "magnetic"), f("a heavy flywheel for a smooth road feel", "flywheel"),
      f("adjustable saddle and handlebars", "adjustable"), f("a tablet holder and Bluetooth cadence sensor", "bluetooth"), f("transport wheels", "portable")],
    tags: ["home-gym", "cardio"], queries: ["exercise bike", "spin bike", "indoor bike", "stationary bike"],
  },
  {
    id: "rowing-machines", category: "fitness-equipment", noun: "rowing machine", count: 5,
    brands: ["Oarsome", "IronPeak", "Stridemaster"], models: ["Glide R1", "Fjord Rower", "Water Rower W2", "Catch 500", "Current"],
    variants: ["", " Air", " Pro"], suffix: "",
    price: [499, 1299], weightKg: [31, 46], stock: [2, 20], consumable: false,
    uses: ["for full-body conditioning", "for low-impact cardio at home", "for erg intervals"],
    features: [f("a water-tank resistance that feels like real rowing", "water-resistance"), f("an air fan with 10 damper settings", "air-resistance"),
      f("a performance monitor with split times", "monitor"), f("a vertical storage option", "storage"), f("an ergonomic padded seat", "comfort")],
    tags: ["home-gym", "cardio", "freight"], queries: ["rowing machine", "rower", "erg", "water rower"],
  },
  {
    id: "squat-racks", category: "fitness-equipment", noun: "squat rack", count: 4,
    brands: ["IronPeak", "Forge Barbell"], models: ["Power Cage PC-2", "Half Rack H1", "Garage Rack", "Titan Stand"],
    variants: ["", " XL"], suffix: "",
    price: [299, 999], weightKg: [38, 95], stock: [2, 18], consumable: false,
    uses: ["for safe heavy squats and bench presses", "for a garage gym", "for strength training at home"],
    features: [f("11-gauge steel uprights", "steel"), f("adjustable safety spotter arms", "safety"), f("a pull-up bar with multiple grips", "pull-up"),
      f("plate storage pegs", "storage"), f("a 450 kg load rating", "heavy-duty")],
    tags: ["home-gym", "strength", "freight"], queries: ["squat rack", "power rack", "power cage", "home gym rack"],
  },
  {
    id: "dumbbells", category: "fitness-equipment", noun: "dumbbell set", count: 6,
    brands: ["Forge Barbell", "IronPeak", "Kettle & Co."], models: ["Hex", "Adjustable 24", "Urethane Pair", "Quick-Lock", "Studio"],
    variants: ["", " 2-25 kg", " Set"], suffix: " Dumbbells",
    price: [29, 399], weightKg: [4, 40], stock: [5, 80], consumable: false,
    uses: ["for strength work at home", "for compact home gyms", "for circuits and supersets"],
    features: [f("a quick dial to change the weight in seconds", "adjustable"), f("hexagonal heads that do not roll", "hex"),
      f("knurled chrome handles", "grip"), f("urethane coating that protects floors", "floor-safe"), f("a storage tray", "storage")],
    tags: ["home-gym", "strength"], queries: ["dumbbells", "adjustable dumbbells", "dumbbell set", "hand weights"],
  },
  {
    id: "kettlebells", category: "fitness-equipment", noun: "kettlebell", count: 4,
    brands: ["Kettle & Co.", "Forge Barbell"], models: ["Cast Iron", "Competition", "Vinyl Grip", "Pro Grade"],
    variants: ["", " 12 kg", " 16 kg"], suffix: " Kettlebell",
    price: [25, 89], weightKg: [4, 24], stock: [5, 90], consumable: false,
    uses: ["for swings, snatches and Turkish get-ups", "for conditioning circuits"],
    features: [f("a single-piece cast-iron body", "cast-iron"), f("a wide, smooth handle", "grip"), f("a flat base for stable storage", "stable"),
      f("colour-coded sizes", "colour-coded")],
    tags: ["home-gym", "strength"], queries: ["kettlebell", "kettlebells", "kettle bell 16kg"],
  },
  {
    id: "yoga-mats", category: "fitness-equipment", noun: "exercise mat", count: 7,
    brands: ["Lotus Path", "Groundwork", "Velora Fitness"], models: ["Align", "Studio Grip", "Equipment Floor", "Travel Fold", "Cork Balance"],
    variants: ["", " 6 mm", " XL"], suffix: " Mat",
    price: [24, 99], weightKg: [0.9, 3.5], stock: [10, 200], consumable: false,
    uses: ["for yoga and mobility work", "to protect floors under a treadmill or rower", "for stretching after runs"],
    features: [f("a non-slip natural rubber surface", "non-slip"), f("6 mm of cushioning", "cushioned"), f("a sweat-resistant closed-cell top", "sweat-resistant"),
      f("alignment lines", "alignment"), f("a carry strap", "portable")],
    tags: ["yoga", "mobility"], queries: ["yoga mat", "exercise mat", "treadmill mat", "non slip yoga mat"],
  },
  {
    id: "resistance-bands", category: "fitness-equipment", noun: "resistance band set", count: 5,
    brands: ["Groundwork", "Lotus Path", "Kettle & Co."], models: ["Loop", "Pull-Up Assist", "Mini Band", "Tube Trainer", "Fabric Glute"],
    variants: ["", " Set of 5", " Heavy"], suffix: " Bands",
    price: [12, 39], weightKg: [0.2, 0.8], stock: [20, 250], consumable: false,
    uses: ["for warm-ups and rehab", "for strength training on the road", "for glute activation before runs"],
    features: [f("five colour-coded resistance levels", "colour-coded"), f("latex-free fabric", "latex-free"), f("a mesh travel pouch", "portable"),
      f("a door anchor", "door-anchor")],
    tags: ["mobility", "strength"], queries: ["resistance bands", "exercise bands", "loop bands", "pull up band"],
  },
  {
    id: "foam-rollers", category: "fitness-equipment", noun: "foam roller", count: 4,
    brands: ["Groundwork", "Lotus Path"], models: ["Grid", "Smooth", "Vibe", "Deep Tissue"],
    variants: ["", " 45 cm"], suffix: " Foam Roller",
    price: [19, 49], weightKg: [0.4, 1.2], stock: [10, 150], consumable: false,
    uses: ["for recovery after long runs", "for self-massage of calves and IT bands"],
    features: [f("a textured grid surface", "textured"), f("a hollow core that will not flatten", "durable"), f("a firm density for deep tissue work", "firm")],
    tags: ["recovery", "mobility"], queries: ["foam roller", "massage roller", "recovery roller"],
  },
  {
    id: "supplements", category: "fitness-equipment", noun: "supplement", count: 6,
    brands: ["SummitFuel", "Pacer Nutrition", "Glyco Labs"], models: ["Whey Isolate", "Plant Protein", "Electrolyte Tabs", "Creatine Monohydrate", "Recovery Mix", "Beta-Alanine"],
    variants: ["", " 1 kg", " 30 Servings"], suffix: "",
    price: [19, 59], weightKg: [0.3, 2.2], stock: [0, 300], consumable: true,
    uses: ["for recovery after hard sessions", "to keep up protein intake", "for hydration on hot days"],
    features: [f("third-party tested for banned substances", "tested"), f("no artificial colours", "clean-label"), f("25 g of protein per scoop", "protein"),
      f("a resealable pouch", "resealable"), f("a vegan formula", "vegan")],
    tags: ["nutrition", "recovery"], queries: ["protein powder", "whey protein", "electrolytes", "creatine", "supplements"],
  },
  // running-shoes
  {
    id: "road-running-shoes", category: "running-shoes", noun: "road running shoe", count: 16,
    brands: ["Vantera", "Kestrel Running", "Norrsken Run", "Apex Stride"], models: ["Tempo", "Cruise", "Daybreak", "Glide", "Metro", "Pulse", "Horizon"],
    variants: ["", " 2", " 3", " Wide", " Plus"], suffix: "",
    price: [99, 179], weightKg: [0.5, 0.7], stock: [0, 120], consumable: false,
    uses: ["for daily miles on pavement", "for long runs and marathon training", "for easy recovery runs"],
    features: [f("a plush nitrogen-infused foam midsole", "cushioned"), f("an engineered mesh upper that breathes", "breathable"),
      f("a stable wide platform for overpronators", "stability"), f("reflective details for early-morning runs", "reflective"),
      f("a durable carbon-rubber outsole", "durable"), f("an 8 mm heel-to-toe drop", "8mm-drop")],
    tags: ["running", "road"], queries: ["running shoes", "road running shoes", "marathon shoes", "cushioned running shoes", "stability running shoes"],
  },
  {
    id: "trail-running-shoes", category: "running-shoes", noun: "trail running shoe", count: 14,
    brands: ["Trailhound", "Norrsken Run", "Kestrel Running", "Fellside"], models: ["Scree", "Ridgeback", "Talus", "Mudlark", "Switchback", "Cragtop"],
    variants: ["", " GTX", " 2", " Pro"], suffix: "",
    price: [109, 189], weightKg: [0.55, 0.8], stock: [0, 100], consumable: false,
    uses: ["for muddy singletrack", "for long mountain days", "for rocky technical trails"],
    features: [f("a waterproof membrane", "waterproof"), f("wet weather grip from 5 mm multi-directional lugs", "wet-grip"),
      f("a rock plate for technical terrain", "rock-plate"), f("a gusseted tongue that keeps out grit", "debris-guard"),
      f("a wide toe box for long days", "wide-fit"), f("a sticky rubber compound for slick rock", "wet-grip")],
    tags: ["running", "trail"], queries: ["trail running shoes", "trail shoes", "waterproof trail shoes", "mud running shoes", "trail runners"],
  },
  {
    id: "racing-flats", category: "running-shoes", noun: "racing shoe", count: 8,
    brands: ["Apex Stride", "Vantera", "Kestrel Running"], models: ["Velocity", "Split", "Kicker", "PR", "Fastline"],
    variants: ["", " Carbon", " Elite"], suffix: "",
    price: [139, 249], weightKg: [0.35, 0.5], stock: [0, 60], consumable: false,
    uses: ["for race day from 5K to marathon", "for track sessions and tempo runs"],
    features: [f("a full-length carbon plate", "carbon-plate"), f("an ultralight 190 g build", "lightweight"), f("a responsive PEBA foam", "responsive"),
      f("a thin race-fit upper", "race-fit"), f("a grippy forefoot outsole", "grip")],
    tags: ["running", "racing"], queries: ["racing flats", "carbon plate shoes", "racing shoes", "marathon racing shoes"],
  },
  // apparel
  {
    id: "jackets", category: "apparel", noun: "jacket", count: 10,
    brands: ["Nordvik", "Ridgeline Apparel", "Fjell & Field"], models: ["Stormline", "Windbreak", "Squall", "Alpine Shell", "Drizzle Run", "Insulated Puffer"],
    variants: ["", " Hooded", " Lite"], suffix: " Jacket",
    price: [79, 299], weightKg: [0.2, 0.9], stock: [0, 80], consumable: false,
    uses: ["for running in the rain", "for hiking in changeable weather", "for cold winter mornings"],
    features: [f("a waterproof, breathable 2.5-layer shell", "waterproof"), f("taped seams", "taped-seams"), f("a packable design that fits in its own pocket", "packable"),
      f("synthetic insulation that stays warm when wet", "insulated"), f("reflective trims", "reflective"), f("pit zips for ventilation", "ventilated")],
    tags: ["apparel", "outerwear"], queries: ["rain jacket", "running jacket", "waterproof jacket", "hiking jacket", "puffer jacket"],
  },
  {
    id: "tights", category: "apparel", noun: "pair of tights", count: 9,
    brands: ["Ridgeline Apparel", "Loma Threads", "Nordvik"], models: ["Thermal Run", "Compression", "Pocket", "Winter", "Studio"],
    variants: ["", " 7/8", " Long"], suffix: " Tights",
    price: [39, 99], weightKg: [0.15, 0.3], stock: [0, 150], consumable: false,
    uses: ["for winter running", "for yoga and studio classes", "for recovery days"],
    features: [f("a brushed thermal lining", "thermal"), f("graduated compression", "compression"), f("a zipped back pocket for a phone", "pockets"),
      f("four-way stretch fabric", "stretch"), f("a squat-proof knit", "opaque")],
    tags: ["apparel", "running"], queries: ["running tights", "leggings", "compression tights", "winter running tights"],
  },
  {
    id: "tops", category: "apparel", noun: "top", count: 12,
    brands: ["Loma Threads", "Ridgeline Apparel", "Fjell & Field", "Nordvik"], models: ["Merino Base", "Tech Tee", "Half-Zip", "Singlet", "Long Sleeve", "Trail Crew"],
    variants: ["", " Light", " Warm"], suffix: "",
    price: [24, 69], weightKg: [0.1, 0.35], stock: [0, 200], consumable: false,
    uses: ["for hot-weather runs", "for layering in the hills", "for gym sessions"],
    features: [f("quick-dry fabric", "quick-dry"), f("odour-resistant merino wool", "merino"), f("flatlock seams that do not chafe", "anti-chafe"),
      f("UPF 50 sun protection", "upf"), f("thumb loops", "thumb-loops")],
    tags: ["apparel"], queries: ["running shirt", "merino base layer", "tech tee", "running top", "half zip"],
  },
  {
    id: "socks", category: "apparel", noun: "pair of socks", count: 10,
    brands: ["Ridgeline Apparel", "Fellside", "Loma Threads"], models: ["Merino Trail Crew", "Light Run No-Show", "Cushioned Quarter", "Compression Knee-High", "Hiker Midweight"],
    variants: ["", " 3-Pack", " Waterproof"], suffix: " Socks",
    price: [9, 24], weightKg: [0.05, 0.2], stock: [0, 400], consumable: true,
    uses: ["for trail runs", "for long hikes", "for everyday training"],
    features: [f("blister-fighting seamless toes", "blister-free"), f("merino wool that stays warm when wet", "merino"), f("targeted cushioning under heel and forefoot", "cushioned"),
      f("arch compression", "compression"), f("a waterproof membrane", "waterproof")],
    tags: ["apparel", "running"], queries: ["running socks", "trail socks", "merino socks", "hiking socks", "compression socks"],
  },
  {
    id: "shorts", category: "apparel", noun: "pair of shorts", count: 6,
    brands: ["Loma Threads", "Ridgeline Apparel"], models: ["Split Run", "Trail 7\"", "Gym Flex", "2-in-1"],
    variants: ["", " Lined", " Pocket"], suffix: " Shorts",
    price: [29, 59], weightKg: [0.1, 0.25], stock: [0, 150], consumable: false,
    uses: ["for race day", "for summer trail runs", "for lifting sessions"],
    features: [f("a built-in liner", "liner"), f("a gel pocket on the waistband", "pockets"), f("side splits for full stride", "split"), f("quick-dry fabric", "quick-dry")],
    tags: ["apparel", "running"], queries: ["running shorts", "gym shorts", "trail shorts"],
  },
  // outdoor-gear
  {
    id: "tents", category: "outdoor-gear", noun: "tent", count: 6,
    brands: ["Cairn Outfitters", "Basecamp Co."], models: ["Bivvy One", "Ridge 2", "Tarn 3", "Highland 4", "Ultralight 1"],
    variants: ["", " Plus", " UL"], suffix: " Tent",
    price: [149, 599], weightKg: [0.9, 5.5], stock: [0, 40], consumable: false,
    uses: ["for backpacking trips", "for family camping weekends", "for alpine bivouacs"],
    features: [f("a 3000 mm waterproof flysheet", "waterproof"), f("two doors and two porches", "two-door"), f("colour-coded poles for fast pitching", "quick-pitch"),
      f("a freestanding aluminium frame", "freestanding"), f("a packed weight under 1.5 kg", "ultralight")],
    tags: ["camping", "outdoors"], queries: ["tent", "backpacking tent", "2 person tent", "lightweight tent", "camping tent"],
  },
  {
    id: "sleeping-bags", category: "outdoor-gear", noun: "sleeping bag", count: 4,
    brands: ["Cairn Outfitters", "Basecamp Co."], models: ["Ember", "Glacier", "Drift", "Summer Lite"],
    variants: ["", " -5C", " Down"], suffix: " Sleeping Bag",
    price: [89, 349], weightKg: [0.7, 1.9], stock: [0, 50], consumable: false,
    uses: ["for three-season camping", "for cold alpine nights"],
    features: [f("responsibly sourced 700-fill down", "down"), f("a draft collar", "warm"), f("a compression stuff sack", "packable"), f("a water-resistant shell", "water-resistant")],
    tags: ["camping", "outdoors"], queries: ["sleeping bag", "down sleeping bag", "camping sleeping bag"],
  },
  {
    id: "backpacks", category: "outdoor-gear", noun: "backpack", count: 7,
    brands: ["Cairn Outfitters", "Basecamp Co.", "Fjell & Field"], models: ["Daypack 22", "Trek 45", "Fastpack 30", "Hydro Vest 12", "Expedition 65"],
    variants: ["", " Pro", " Women's Fit"], suffix: "",
    price: [59, 229], weightKg: [0.4, 2.2], stock: [0, 70], consumable: false,
    uses: ["for day hikes", "for multi-day treks", "for running long trails"],
    features: [f("a ventilated back panel", "ventilated"), f("a hydration sleeve", "hydration"), f("a rain cover in the lid", "rain-cover"),
      f("trekking pole loops", "pole-loops"), f("adjustable torso length", "adjustable")],
    tags: ["hiking", "outdoors"], queries: ["backpack", "hiking backpack", "daypack", "running vest", "rucksack"],
  },
  {
    id: "headlamps", category: "outdoor-gear", noun: "headlamp", count: 5,
    brands: ["Lumeno", "Cairn Outfitters"], models: ["Beam 400", "Night Trail 600", "Camp 200", "Alpine 900"],
    variants: ["", " R", " Plus"], suffix: " Headlamp",
    price: [24, 89], weightKg: [0.06, 0.15], stock: [0, 120], consumable: false,
    uses: ["for night runs", "for camp and tent life", "for alpine starts"],
    features: [f("a USB-C rechargeable battery", "rechargeable"), f("a red night-vision mode", "red-light"), f("IPX7 waterproofing", "waterproof"),
      f("reactive brightness", "reactive"), f("a 20-hour burn time on low", "long-battery")],
    tags: ["camping", "running", "outdoors"], queries: ["headlamp", "head torch", "running headlamp", "rechargeable headlamp"],
  },
  {
    id: "trekking-poles", category: "outdoor-gear", noun: "pair of trekking poles", count: 4,
    brands: ["Cairn Outfitters", "Fellside"], models: ["Carbon Z", "Alu Trek", "Trail Fold", "Ridge Pro"],
    variants: ["", " Women's"], suffix: " Trekking Poles",
    price: [49, 149], weightKg: [0.3, 0.6], stock: [0, 60], consumable: false,
    uses: ["for steep ascents", "for ultra-distance trail races"],
    features: [f("a folding Z design", "folding"), f("carbon shafts", "carbon"), f("cork grips", "cork-grip"), f("flick-lock length adjustment", "adjustable")],
    tags: ["hiking", "outdoors"], queries: ["trekking poles", "hiking poles", "running poles"],
  },
  {
    id: "water-bottles", category: "outdoor-gear", noun: "water bottle", count: 6,
    brands: ["Aquaroam", "Basecamp Co.", "Fjell & Field"], models: ["Insulated 750", "Soft Flask 500", "Squeeze 600", "Filter Bottle", "Wide Mouth 1L"],
    variants: ["", " Slate", " Glacier"], suffix: "",
    price: [12, 39], weightKg: [0.05, 0.45], stock: [0, 300], consumable: true,
    uses: ["for long runs", "for the gym bag", "for trail hydration"],
    features: [f("double-wall insulation that keeps drinks cold for 24 hours", "insulated"), f("a leak-proof cap", "leak-proof"),
      f("BPA-free materials", "bpa-free"), f("a soft collapsible body", "collapsible"), f("a built-in filter", "filter")],
    tags: ["hydration"], queries: ["water bottle", "soft flask", "insulated bottle", "hydration bottle"],
  },
  {
    id: "energy-gels", category: "outdoor-gear", noun: "box of energy gels", count: 6,
    brands: ["Glyco Labs", "SummitFuel", "Pacer Nutrition"], models: ["Isotonic Gel", "Caffeine Gel", "Chews", "Salted Caramel Gel", "Citrus Gel"],
    variants: [" 12-Pack", " 24-Pack"], suffix: "",
    price: [18, 42], weightKg: [0.4, 1.2], stock: [0, 300], consumable: true,
    uses: ["for marathon fuelling", "for long trail days", "for race-day energy"],
    features: [f("22 g of fast carbohydrate per gel", "carbs"), f("an isotonic formula that needs no water", "isotonic"), f("75 mg of caffeine", "caffeine"),
      f("added sodium", "electrolytes"), f("a vegan recipe", "vegan")],
    tags: ["nutrition", "running"], queries: ["energy gels", "running gels", "caffeine gel", "energy chews", "marathon fuel"],
  },
];

/** Publishers used as the `brand` of books. */
export const BOOK_PUBLISHERS = ["Long Stride Press", "Cairnhouse Books", "Second Wind Publishing", "Tall Pines Media"] as const;

/** Search phrases per book subcategory. */
export const BOOK_QUERIES: Readonly<Record<BookSpec["subcategory"], readonly string[]>> = {
  "training-books": ["running training book", "marathon training plan book", "strength training book", "books about running"],
  biographies: ["runner biography", "athlete autobiography", "sports biography", "ultra running memoir"],
  "nutrition-books": ["sports nutrition book", "cookbook for athletes", "nutrition for runners", "plant based athlete"],
};

/** Every book in the catalogue (invented titles and authors). */
export const BOOK_SPECS: readonly BookSpec[] = [
  { subcategory: "training-books", title: "Miles in the Bank", author: "Dana Whitcombe", blurb: "a plain-spoken guide to aerobic base training for distance runners, with 16-week plans from 10K to marathon", tags: ["marathon", "plans"] },
  { subcategory: "training-books", title: "The Strength Ledger", author: "Marcus Oyelaran", blurb: "a year of progressive barbell programming for busy people with a garage gym", tags: ["strength", "plans"] },
  { subcategory: "training-books", title: "Fellcraft: Running the High Country", author: "Isla McCrae", blurb: "technique, navigation and safety for running on rough mountain ground", tags: ["trail", "mountain"] },
  { subcategory: "training-books", title: "Sub-Three: A Marathon Playbook", author: "Tomas Reyes", blurb: "the workouts, pacing and taper behind a sub-three-hour marathon", tags: ["marathon", "racing"] },
  { subcategory: "training-books", title: "The Hybrid Athlete Handbook", author: "Priya Natarajan", blurb: "how to combine running and lifting without burning out", tags: ["strength", "running"] },
  { subcategory: "training-books", title: "Kettlebell Fundamentals", author: "Sergei Volkov-Hart", blurb: "swings, cleans and get-ups taught step by step with photos", tags: ["kettlebell", "strength"] },
  { subcategory: "training-books", title: "Zone Two", author: "Hannah Lindqvist", blurb: "the science of easy running and why slow miles make you fast", tags: ["science", "running"] },
  { subcategory: "training-books", title: "Mobility for Lifters and Runners", author: "Grace Okafor", blurb: "ten-minute routines for hips, ankles and shoulders", tags: ["mobility", "yoga"] },
  { subcategory: "training-books", title: "The Ultra Year", author: "Ben Castellano", blurb: "a month-by-month plan for a first 50-mile race", tags: ["ultra", "trail", "plans"] },
  { subcategory: "biographies", title: "Uphill All the Way", author: "Mara Lindholm", blurb: "the life of a farm girl who became a world mountain-running champion", tags: ["trail", "women-in-sport"] },
  { subcategory: "biographies", title: "Iron Will", author: "Derek Ansah", blurb: "a powerlifter's memoir of doubt, injury and a world record at forty", tags: ["strength", "memoir"] },
  { subcategory: "biographies", title: "The Long Way Home", author: "Eliza Brandt", blurb: "a 2,600-mile thru-hike and what it taught a burned-out surgeon", tags: ["hiking", "memoir"] },
  { subcategory: "biographies", title: "Forty-Two Point Two", author: "Kenji Mori", blurb: "the story of an office worker who ran a marathon on every continent", tags: ["marathon", "memoir"] },
  { subcategory: "biographies", title: "Chasing the Clock", author: "Amelia Hart", blurb: "the rise and comeback of an Olympic 1500 m runner", tags: ["track", "olympics"] },
  { subcategory: "biographies", title: "North Face of Fear", author: "Lukas Berger", blurb: "an alpinist's account of the climbs that nearly broke him", tags: ["climbing", "mountain"] },
  { subcategory: "biographies", title: "Row Against the Tide", author: "Fiona Adeyemi", blurb: "how a rower crossed the Atlantic alone in 54 days", tags: ["rowing", "adventure"] },
  { subcategory: "biographies", title: "Running on Empty Roads", author: "Samuel Quist", blurb: "a coach remembers forty years of small-town cross-country teams", tags: ["coaching", "running"] },
  { subcategory: "nutrition-books", title: "Fuel the Long Run", author: "Dr. Rachel Imbert", blurb: "practical carbohydrate and hydration strategies for endurance races", tags: ["endurance", "fuelling"] },
  { subcategory: "nutrition-books", title: "The Plant-Powered Athlete's Kitchen", author: "Noor Haddad", blurb: "120 vegan recipes with protein counts for every meal", tags: ["vegan", "recipes"] },
  { subcategory: "nutrition-books", title: "Carbs, Clocks and Competition", author: "Dr. Owen Pryce", blurb: "nutrient timing explained without the hype", tags: ["science", "fuelling"] },
  { subcategory: "nutrition-books", title: "Eat Like a Lifter", author: "Carla Mendes", blurb: "meal prep and macros for building strength", tags: ["strength", "recipes"] },
  { subcategory: "nutrition-books", title: "The Trail Pantry", author: "Jonah Whitfield", blurb: "lightweight, calorie-dense food for backpacking and ultras", tags: ["hiking", "recipes"] },
  { subcategory: "nutrition-books", title: "Recovery Plate", author: "Dr. Mei Tanaka", blurb: "what to eat in the 24 hours after hard training", tags: ["recovery", "science"] },
  { subcategory: "nutrition-books", title: "Race Week Eating", author: "Sofia Lindgren", blurb: "a simple seven-day plan for carb loading without the bloat", tags: ["marathon", "fuelling"] },
  { subcategory: "nutrition-books", title: "Hydration Myths", author: "Dr. Paul Everett", blurb: "sweat, sodium and how much you really need to drink", tags: ["hydration", "science"] },
];
