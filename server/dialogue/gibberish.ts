/**
 * Keyboard mashing ("asdfgh", "sdfsdf", "zzzzzz", "hjkl") versus short real messages ("ok", "refund?",
 * "FF-123456", "danke", "cześć"). Pure and language-agnostic: it never reads a dictionary, so it judges only what
 * keyboard mashing looks like (straight runs along a keyboard row, one key or a few adjacent keys repeated, long
 * vowel-less strings, "q" before a consonant) and leaves anything it cannot judge (digits, non-Latin scripts,
 * one or two letters) as real. Measured false positives: server/dialogue/gibberish.test.ts, docs/evaluation.md.
 */

/** Rows of the common Latin keyboard layouts (QWERTY, QWERTZ, AZERTY); a run along one is typical of mashing. */
const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn"];

/** Keys that touch each other on a QWERTY keyboard (same row neighbours and the diagonal ones). */
const NEIGHBOURS: Record<string, string> = {
  q: "wa", w: "qeas", e: "wrsd", r: "etdf", t: "ryfg", y: "tugh", u: "yihj", i: "uojk", o: "ipkl", p: "ol",
  a: "qwsz", s: "awedzx", d: "serfxc", f: "drtgcv", g: "ftyhvb", h: "gyujbn", j: "huiknm", k: "jiolm", l: "kop",
  z: "asx", x: "zsdc", c: "xdfv", v: "cfgb", b: "vghn", n: "bhjm", m: "njk",
};

/** Real words and chat shorthand that look like mashing by the rules below (normalised: lower case, no accents). */
const REAL = new Set([
  "hmm", "hmmm", "mmm", "mhm", "shh", "shhh", "psst", "pfft", "brr", "brrr", "grr", "grrr", "zzz", "nvm", "smh", "tbh", "idk",
  "thx", "thnx", "thnks", "pls", "plz", "plss", "tyvm", "tysm", "btw", "omg", "wtf", "wth", "ffs", "lmao", "lmfao", "lol",
  "lolol", "rofl", "xoxo", "okk", "okkk", "brb", "gtg", "ttyl", "afaik", "imo", "imho", "hbu", "wbu", "hru", "wyd", "ngl",
  "fyi", "asap", "rsvp", "ltd", "llc", "usps", "dhl", "dpd", "gls", "pdf", "jpg", "png", "html", "http", "https", "www",
  "xxl", "xxxl", "xxs", "gtx", "bpa", "upf", "ipx", "cvv", "cvc", "sms", "mfa", "otp", "mph", "lbs", "kmh",
]);

const VOWELS = new Set("aeiouy");
/** Rows without vowels other than "a": a word typed on one of them alone is rare (the top row spells "property"). */
const VOWEL_POOR_ROWS = ["asdfghjkl", "zxcvbnm", "yxcvbnm", "qsdfghjklm", "wxcvbn"];
/** An "r" or "l" between consonants carries the syllable in Czech, Slovak and Croatian ("krk", "vlk", "čtvrt"). */
const SYLLABIC_RL = /[^aeiouy][rl][^aeiouy]/;
/** Letter pairs that almost never occur inside a word of a European language. */
const RARE_PAIR = /zx|xz|jx|xj|jz|zj|vx|xv|qz|zq|qx|xq|jq|qj|vq|qv|wq|qw/;

/** Lower-case Latin letters without accents (ø → o, ß → ss, ł → l …); other scripts stay as they are. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øœæßłđðþı]/g, (c) => ({ ø: "o", œ: "oe", æ: "ae", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" })[c] ?? c)
    .normalize("NFD")
    // Accents and invisible format characters (zero-width spaces, joiners) do not change what was typed.
    .replace(/[\p{M}\p{Cf}]/gu, "");
}

/** The longest run of letters that walk straight along one keyboard row (either direction). */
function longestRowRun(word: string): number {
  let best = 1;
  for (const row of ROWS) {
    for (const dir of [1, -1]) {
      let run = 1;
      for (let i = 1; i < word.length; i++) {
        const a = row.indexOf(word[i - 1]);
        const b = row.indexOf(word[i]);
        run = a !== -1 && b !== -1 && b - a === dir ? run + 1 : 1;
        best = Math.max(best, run);
      }
    }
  }
  return best;
}

function longestConsonantRun(word: string): number {
  let best = 0;
  let run = 0;
  for (const c of word) {
    run = VOWELS.has(c) ? 0 : run + 1;
    best = Math.max(best, run);
  }
  return best;
}

/** The word is one short unit typed over and over ("sdfsdf", "uiuiui"), and the unit is not a syllable like "ha". */
function repeatsAKeyboardUnit(word: string): boolean {
  for (let size = 1; size <= 4 && size * 2 <= word.length; size++) {
    const unit = word.slice(0, size);
    if (!word.split("").every((c, i) => c === unit[i % size])) continue;
    if (size === 1) return word.length >= 3;
    const hasVowel = [...unit].some((c) => VOWELS.has(c));
    if (!hasVowel) return true;
    const adjacent = [...unit].every((c, i) => i === 0 || NEIGHBOURS[unit[i - 1]]?.includes(c));
    // "koko" and "lolo" could be words; "uiuiui" and "rtyrty" (adjacent keys, a vowel only by chance) are not.
    if (size < 4 && adjacent && word.length >= (size === 2 ? 6 : 2 * size)) return true;
  }
  return false;
}

/**
 * How strongly one folded word looks like mashing: 3 or more means mashing.
 * @example mashScore("asdf") // 3
 */
export function mashScore(word: string): number {
  if (word.length < 3 || REAL.has(word)) return 0;
  if (repeatsAKeyboardUnit(word)) return 3;
  let score = 0;
  const run = longestRowRun(word);
  if (run >= 5) score += 3;
  else if (run === 4) score += 2;
  const consonants = longestConsonantRun(word);
  if (consonants >= 5) score += 2;
  else if (consonants === 4) score += 1;
  const hasVowel = [...word].some((c) => VOWELS.has(c));
  if (!hasVowel && !SYLLABIC_RL.test(word)) score += word.length >= 4 ? 2 : 1;
  if (word.length >= 4 && VOWEL_POOR_ROWS.some((row) => [...word].every((c) => row.includes(c)))) score += 1;
  if (/q[^uia]/.test(word)) score += 2;
  if (RARE_PAIR.test(word)) score += 2;
  return score;
}

/** Share of a message's letters that must sit in mashed words for the message to count as gibberish. */
const MASHED_SHARE = 0.6;

/**
 * True when a message is keyboard mashing or a random string rather than something a person meant to say.
 * Short real messages, order and model numbers (anything with a digit), text in non-Latin scripts and one- or
 * two-letter words are never gibberish.
 * @example isGibberish("asdfghjkl") // true
 * @example isGibberish("refund?") // false
 */
export function isGibberish(text: string): boolean {
  const folded = fold(text);
  if (/\d/.test(folded)) return false;
  const words = folded.split(/[^\p{L}]+/u).filter(Boolean);
  if (words.length === 0) return false;
  // A script this module has no keyboard model for: cannot judge, so not gibberish.
  if (words.some((w) => /[^a-z]/.test(w))) return false;
  let letters = 0;
  let mashed = 0;
  for (const w of words) {
    letters += w.length;
    if (mashScore(w) >= 3) mashed += w.length;
  }
  return mashed > 0 && mashed / letters >= MASHED_SHARE;
}
