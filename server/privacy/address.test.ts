import { describe, expect, it } from "vitest";
import { findAddresses } from "./address.ts";

const addresses = (text: string) => findAddresses(text).map((s) => text.slice(s.start, s.end));

describe("findAddresses", () => {
  it("finds US and UK street lines with their suffix, direction and unit", () => {
    expect(addresses("ship it to 42 Maple Street, Apt 3B, Springfield IL 62704")).toContain("42 Maple Street, Apt 3B");
    expect(addresses("change it to 250 W 57th St Suite 1200")).toContain("250 W 57th St Suite 1200");
    expect(addresses("5021 N Lincoln Ave #2R, Chicago")).toContain("5021 N Lincoln Ave #2R");
    expect(addresses("my address: Flat 2, 27 Acacia Avenue, Leeds LS6 2AB")).toContain("Flat 2, 27 Acacia Avenue");
    expect(addresses("221B Baker Street please")).toEqual(["221B Baker Street"]);
    expect(addresses("new address is 1187 oak ridge dr")).toEqual(["1187 oak ridge dr"]);
  });

  it("finds PO boxes and a unit on its own", () => {
    expect(addresses("PO Box 1432, Bend OR 97709")).toEqual(["PO Box 1432"]);
    expect(addresses("can i ship to a p.o. box 88?")).toEqual(["p.o. box 88"]);
    expect(addresses("im in apt 12C, buzzer doesnt work")).toEqual(["apt 12C"]);
  });

  it("finds Spanish, German, Dutch and French street forms", () => {
    expect(addresses("send it to Calle Mayor 12, 3º B, Madrid")).toEqual(["Calle Mayor 12, 3º B"]);
    expect(addresses("Hauptstraße 5, 10115 Berlin")).toEqual(["Hauptstraße 5"]);
    expect(addresses("Goethestr. 23a, München")).toEqual(["Goethestr. 23a"]);
    expect(addresses("Kerkstraat 112, Amsterdam")).toEqual(["Kerkstraat 112"]);
    expect(addresses("12 rue de la Paix, 75002 Paris")).toEqual(["12 rue de la Paix"]);
    expect(addresses("3 avenue des Champs-Élysées")).toEqual(["3 avenue des Champs-Élysées"]);
  });

  it("needs capitals or an address word for suffixes that are everyday words", () => {
    expect(addresses("the 2 pairs way too big")).toEqual([]);
    expect(addresses("deliver to 8 Wellington Way, Bristol")).toEqual(["8 Wellington Way"]);
    expect(addresses("my old address 57 highland drive still shows")).toEqual(["57 highland drive"]);
  });

  it("leaves postcodes, product names with numbers, quantities and prices alone", () => {
    for (const t of ["Do you ship to 10115 Berlin?", "Do you have the Trail 3000 in size 10.5?", "I'd like 2 pairs of Daybreak 2 in US 9", "Half Rack H1 with 2 x 20 kg plates", "total was $1,249.99", "the Night Trail 600 headlamp", "Ring 5 on the Power Cage PC-2 is bent", "ordered on 12/03/2026"]) {
      expect(addresses(t), t).toEqual([]);
    }
  });
});
