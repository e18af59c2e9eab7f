import { AppError } from "../errors.ts";
import type { DateRange } from "./types.ts";

/** Longest range the dashboard computes, in days. */
export const MAX_RANGE_DAYS = 731;
/** Length of the default range, in days. */
export const DEFAULT_RANGE_DAYS = 30;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The range [from 00:00, to + 1 day 00:00) UTC for the days `from`..`to` (inclusive, "YYYY-MM-DD"); a missing end
 * defaults to `defaultTo` (the day of the newest conversation, or today) and a missing start to 30 days before it.
 * Bad input is a CHAT_ERR_VALIDATION naming the field.
 * @example parseRange("2026-11-01", "2026-11-30", new Date()) // { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" }
 */
export function parseRange(from: unknown, to: unknown, defaultTo: Date): DateRange {
  const day = (name: string, v: unknown): number | undefined => {
    if (v === undefined || v === "") return undefined;
    if (typeof v !== "string" || !DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      throw new AppError("CHAT_ERR_VALIDATION", `\`${name}\` must be a date as YYYY-MM-DD, got ${JSON.stringify(v)}.`);
    }
    return Date.parse(`${v}T00:00:00Z`);
  };
  const end = (day("to", to) ?? Date.parse(defaultTo.toISOString().slice(0, 10) + "T00:00:00Z")) + 86_400_000;
  const start = day("from", from) ?? end - DEFAULT_RANGE_DAYS * 86_400_000;
  if (start >= end) throw new AppError("CHAT_ERR_VALIDATION", "`from` must be on or before `to`.");
  if (end - start > MAX_RANGE_DAYS * 86_400_000) throw new AppError("CHAT_ERR_VALIDATION", `The range is at most ${MAX_RANGE_DAYS} days.`);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
