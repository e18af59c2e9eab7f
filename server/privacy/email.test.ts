import { describe, expect, it } from "vitest";
import { findEmails } from "./email.ts";

const emails = (text: string) => findEmails(text).map((s) => text.slice(s.start, s.end));

describe("findEmails", () => {
  it("finds addresses with plus tags, subdomains, capitals and a sentence-final dot", () => {
    expect(emails("email: d.hernandez+ff@outlook.com  order FF-204518")).toEqual(["d.hernandez+ff@outlook.com"]);
    expect(emails("to ACCOUNTS@TURNER-DESIGN.CO.UK")).toEqual(["ACCOUNTS@TURNER-DESIGN.CO.UK"]);
    expect(emails("reach me at sofia_reyes@yahoo.es.")).toEqual(["sofia_reyes@yahoo.es"]);
    expect(emails("(jamal.r@icloud.com)")).toEqual(["jamal.r@icloud.com"]);
  });

  it("finds addresses spelled out with at and dot", () => {
    expect(emails("contact me on omar (dot) haddad (at) proton (dot) me")).toEqual(["omar (dot) haddad (at) proton (dot) me"]);
    expect(emails("reply to bill.young at outlook dot com")).toEqual(["bill.young at outlook dot com"]);
  });

  it("does not take prose with 'at' and 'dot' for an address", () => {
    expect(emails("I'll be at home, the dot on the screen is gone")).toEqual([]);
    expect(emails("Where is FF-123456? I paid $129.99")).toEqual([]);
  });
});
