import type { Random } from "./random.ts";

/** Where customers live: ISO country, share of customers, regions (or none), and the name pool to use. */
interface CountrySpec {
  country: string;
  share: number;
  regions: readonly string[] | null;
  names: "en" | "de" | "fr" | "nl";
}

const COUNTRIES: readonly CountrySpec[] = [
  { country: "US", share: 0.8, names: "en", regions: [
    "CA", "CA", "CA", "TX", "TX", "NY", "NY", "FL", "FL", "WA", "WA", "CO", "CO", "OR", "OH", "OH", "IL", "PA", "MA", "MN", "NC", "GA", "VA", "UT", "MI", "AZ", "NJ", "WI", "VT", "ME",
  ] },
  { country: "CA", share: 0.08, names: "en", regions: ["ON", "ON", "BC", "BC", "QC", "AB", "NS", "MB"] },
  { country: "GB", share: 0.06, names: "en", regions: ["England", "England", "England", "Scotland", "Wales", "Northern Ireland"] },
  { country: "DE", share: 0.03, names: "de", regions: null },
  { country: "FR", share: 0.02, names: "fr", regions: null },
  { country: "NL", share: 0.01, names: "nl", regions: null },
];

const FIRST: Record<CountrySpec["names"], readonly string[]> = {
  en: [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan",
    "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley",
    "Steven", "Emily", "Andrew", "Michelle", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "Ryan", "Rebecca", "Jacob", "Laura",
    "Nicholas", "Hannah", "Tyler", "Olivia", "Ethan", "Emma", "Noah", "Sophia", "Liam", "Ava", "Mason", "Mia", "Lucas", "Chloe", "Aiden",
    "Grace", "Priya", "Wei", "Carlos", "Maria", "Jamal", "Aisha", "Diego", "Sofia", "Kenji", "Yuki", "Omar", "Fatima", "Luis", "Ana",
  ],
  de: ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Lena", "Maximilian", "Laura", "Paul", "Sophie", "Leon", "Marie", "Tobias", "Julia", "Jürgen", "Katrin"],
  fr: ["Louis", "Camille", "Hugo", "Léa", "Jules", "Manon", "Lucas", "Chloé", "Gabriel", "Inès", "Arthur", "Zoé", "Théo", "Élise"],
  nl: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Sophie", "Milan", "Tess", "Bram", "Anouk"],
};

const LAST: Record<CountrySpec["names"], readonly string[]> = {
  en: [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson",
    "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner",
    "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper",
    "Patel", "Nguyen", "Kim", "Chen", "Singh", "O'Brien", "MacLeod", "Sullivan", "Bennett", "Hughes", "Price", "Foster", "Reyes", "Ward",
  ],
  de: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf"],
  fr: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Girard"],
  nl: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer"],
};

/** A generated person: name, country, region. */
export interface Person {
  name: string;
  first: string;
  last: string;
  country: string;
  region: string | null;
}

/** Draw a person with a realistic name for a country drawn from the shop's customer mix (mostly US). */
export function drawPerson(rng: Random): Person {
  const spec = COUNTRIES[rng.weightedIndex(COUNTRIES.map((c) => c.share))];
  const first = rng.pick(FIRST[spec.names]);
  const last = rng.pick(LAST[spec.names]);
  return { name: `${first} ${last}`, first, last, country: spec.country, region: spec.regions ? rng.pick(spec.regions) : null };
}

function emailPart(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
}

/**
 * Unique demo emails of the form firstname.lastname{n}@example.com; `n` is added from the second
 * customer with the same name on.
 * @example const emails = createEmailBook(); emails.next("Jürgen", "Müller") // "jurgen.muller@example.com"
 */
export function createEmailBook(): { next(first: string, last: string): string } {
  const seen = new Map<string, number>();
  return {
    next(first, last) {
      const base = `${emailPart(first)}.${emailPart(last)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return `${base}${n === 1 ? "" : n}@example.com`;
    },
  };
}
