import { describe, expect, it } from "vitest";
import { describeOpeningHours, formatDate, formatDateRange, formatList, formatPrice, quote } from "./format.ts";

const june3 = new Date("2025-06-03T15:00:00Z");
const june7 = new Date("2025-06-07T15:00:00Z");

describe("locale formatting", () => {
  it("formats US dollar prices as each language writes them", () => {
    expect(formatPrice("en", 650)).toBe("$6.50");
    expect(formatPrice("es", 650)).toBe("6,50\u00a0US$");
    expect(formatPrice("de-AT", 650)).toBe("6,50\u00a0$");
    expect(formatPrice("fr", 650)).toBe("6,50\u00a0$US");
    expect(formatPrice("zh", 650)).toBe("US$6.50");
    expect(formatPrice("ko", 650)).toBe("$6.50");
  });

  it("formats dates and ranges in the shop's time zone", () => {
    expect(formatDate("en", june3)).toBe("Jun 3");
    expect(formatDate("de", june3)).toBe("3. Juni");
    expect(formatDate("zh", june3)).toBe("6月3日");
    // 02:00 UTC on June 4 is still June 3 in New York.
    expect(formatDate("es", "2025-06-04T02:00:00Z")).toBe("3 jun");
    expect(formatDateRange("es", june3, june7)).toBe("3–7 jun");
  });

  it("joins lists and quotes titles in the language's way", () => {
    expect(formatList("es", ["A", "B", "C"], "disjunction")).toBe("A, B o C");
    expect(formatList("zh", ["A", "B"], "disjunction")).toBe("A或B");
    expect(quote("de", "Versand")).toBe("„Versand“");
    expect(quote("es", "Envíos")).toBe("«Envíos»");
  });

  it("describes opening hours with local weekday names", () => {
    const hours = [{ days: [1, 2, 3, 4, 5], from: 480, to: 1200 }, { days: [6], from: 540, to: 1020 }];
    expect(describeOpeningHours("es", hours, "America/New_York")).toBe("lun–vie 8:00–20:00 y sáb 9:00–17:00 (America/New York)");
    expect(describeOpeningHours("de", hours, "America/New_York")).toBe("Mo–Fr 8:00–20:00 und Sa 9:00–17:00 (America/New York)");
  });
});
