import { describe, expect, it } from "vitest";
import { createCategoryMatcher } from "./product-category.ts";

const matcher = createCategoryMatcher([
  { category: "running-shoes", subcategory: "trail-running-shoes" },
  { category: "running-shoes", subcategory: "road-running-shoes" },
  { category: "apparel", subcategory: "socks" },
  { category: "apparel", subcategory: "jackets" },
  { category: "fitness-equipment", subcategory: "treadmills" },
  { category: "fitness-equipment", subcategory: "rowing-machines" },
  { category: "sports-books", subcategory: "training-books" },
]);

describe("createCategoryMatcher", () => {
  it("maps product questions to their catalogue category", () => {
    expect(matcher.infer("good trail shoes for wet weather?")).toBe("running-shoes");
    expect(matcher.infer("which trainers for a beginner")).toBe("running-shoes");
    expect(matcher.infer("a treadmill for a small apartment")).toBe("fitness-equipment");
    expect(matcher.infer("do you have a quiet rower?")).toBe("fitness-equipment");
    expect(matcher.infer("a warm jacket for winter hikes")).toBe("apparel");
    expect(matcher.infer("any good books for my first marathon")).toBe("sports-books");
    expect(matcher.infer("a trail running jacket for rain")).toBe("apparel");
  });

  it("returns nothing when no product type is named", () => {
    expect(matcher.infer("birthday present ideas for my dad")).toBeUndefined();
  });
});
