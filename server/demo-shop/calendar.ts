import { SEASONS, type Season } from "./behaviour-model.ts";

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in an average year. */
export const YEAR_MS = 365.25 * DAY_MS;

/** Day of the year (0-based) of a UTC time. */
export function dayOfYear(t: number): number {
  const d = new Date(t);
  return Math.floor((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** Black Friday (the day after the fourth Thursday of November) of a year, as epoch ms at 00:00 UTC. */
export function blackFriday(year: number): number {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - nov1 + 7) % 7);
  return Date.UTC(year, 10, firstThursday + 21 + 1);
}

/** True during the Black Friday to Cyber Monday sale (from 6 days before Black Friday to 4 days after). */
export function inBlackFridaySale(t: number): boolean {
  const bf = blackFriday(new Date(t).getUTCFullYear());
  return t >= bf - 6 * DAY_MS && t < bf + 4 * DAY_MS;
}

/** True during the new-year sale (26 December to 15 January). */
export function inNewYearSale(t: number): boolean {
  const d = new Date(t);
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  return (m === 11 && day >= 26) || (m === 0 && day <= 15);
}

/** True during the summer sale (1 to 14 July). */
export function inSummerSale(t: number): boolean {
  const d = new Date(t);
  return d.getUTCMonth() === 6 && d.getUTCDate() <= 14;
}

/** Purchase-rate multiplier every customer shares: Black Friday week and December gift buying. */
export function shopWideMultiplier(t: number): number {
  if (inBlackFridaySale(t)) return 1.6;
  const d = new Date(t);
  if (d.getUTCMonth() === 11 && d.getUTCDate() <= 20) return 1.25;
  return 1;
}

/** Upper bound of shopWideMultiplier, for thinning. */
export const SHOP_WIDE_MAX = 1.6;

/** Multiplier for bargain hunters: high during sales, low otherwise (yearly average ≈ 1). */
export function bargainMultiplier(t: number): number {
  return inBlackFridaySale(t) || inNewYearSale(t) || inSummerSale(t) ? 4 : 0.55;
}

/** Upper bound of bargainMultiplier. */
export const BARGAIN_MAX = 4;

const SEASON_FLOOR = 0.2;

/**
 * Multiplier for a seasonal customer: a floor of 0.2 plus a circular Gaussian bump around the
 * season's centre, scaled so the yearly average is 1.
 */
export function seasonalMultiplier(season: Season, t: number): number {
  const { centreDay, sdDays } = SEASONS[season];
  let d = Math.abs(dayOfYear(t) - centreDay);
  if (d > 182.5) d = 365 - d;
  const amplitude = ((1 - SEASON_FLOOR) * 365) / (sdDays * Math.sqrt(2 * Math.PI));
  return SEASON_FLOOR + amplitude * Math.exp((-d * d) / (2 * sdDays * sdDays));
}

/** Upper bound of seasonalMultiplier for a season. */
export function seasonalMax(season: Season): number {
  const { sdDays } = SEASONS[season];
  return SEASON_FLOOR + ((1 - SEASON_FLOOR) * 365) / (sdDays * Math.sqrt(2 * Math.PI));
}

// The warehouse works on US Eastern time; a fixed UTC-5 offset is close enough for demo data
// (it ignores daylight saving time, shifting the 2 p.m. cut-off by an hour in summer).
const ET_OFFSET_MS = 5 * HOUR_MS;

function isWeekendEt(t: number): boolean {
  const day = new Date(t - ET_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/** Midnight (ET, as epoch ms) of the Eastern-time day containing `t`. */
function etMidnight(t: number): number {
  return Math.floor((t - ET_OFFSET_MS) / DAY_MS) * DAY_MS + ET_OFFSET_MS;
}

/**
 * When an order placed at `t` leaves the warehouse: the same day if placed before 2 p.m. ET on a
 * business day (POLICIES.md S6), otherwise the next business day; `fraction` in [0,1) places it
 * between 3 p.m. and 7 p.m. ET.
 */
export function shipTime(t: number, fraction: number): number {
  let day = etMidnight(t);
  const etHour = (t - day) / HOUR_MS;
  if (isWeekendEt(t) || etHour >= 14) {
    day += DAY_MS;
    while (isWeekendEt(day + HOUR_MS)) day += DAY_MS;
  }
  return day + (15 + 4 * fraction) * HOUR_MS;
}

/** The time `n` business days after `t` (weekends skipped), at `hourEt` Eastern time. */
export function addBusinessDays(t: number, n: number, hourEt: number): number {
  let day = etMidnight(t);
  let left = n;
  while (left > 0) {
    day += DAY_MS;
    if (!isWeekendEt(day + HOUR_MS)) left--;
  }
  return day + hourEt * HOUR_MS;
}
