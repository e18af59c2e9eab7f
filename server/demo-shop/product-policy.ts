import type { ProductPolicyFacts } from "../catalogue/index.ts";

/**
 * The demo shop's product-dependent policy facts, worded from its policies (shared/demo-shop/POLICIES.md):
 * W1 (equipment warranty, treadmill motors and frames), W2 (shoes and apparel), S2/S3/S1 (parcel delivery),
 * S5/S8 (freight over 30 kg). Only the equipment W1 names (treadmills, bikes, rowers, racks) gets its warranty.
 */
export const DEMO_PRODUCT_POLICY: ProductPolicyFacts = {
  warranties: [
    { subcategory: "treadmills", text: "a 2-year warranty on parts, and 10 years on the motor and frame" },
    { subcategory: "exercise-bikes", text: "a 2-year warranty on parts" },
    { subcategory: "rowing-machines", text: "a 2-year warranty on parts" },
    { subcategory: "squat-racks", text: "a 2-year warranty on parts" },
    { category: "running-shoes", text: "a 1-year warranty against manufacturing defects" },
    { category: "apparel", text: "a 1-year warranty against manufacturing defects" },
  ],
  freightOverKg: 30,
  freightDelivery:
    "by freight: we book a 4-hour delivery window with you by phone, curbside delivery is free and in-home setup costs $79 (freight cannot go to a P.O. box)",
  parcelDelivery:
    "as a regular parcel: standard shipping takes 3–5 business days and is free on orders of $50 or more (otherwise $5.95); express takes 1–2 business days for $14.95",
};
