// Misread and split titles on an image's text are read as the labels they are; names, values and words
// far from every label stay as OCR read them.
import { describe, expect, it } from "vitest";
import { labelPhrases } from "../../src/extract/anchors.ts";
import {
  editDistance,
  LABEL_SPELLINGS,
  misreadLabel,
  snapMisreadLabels,
} from "../../src/extract/label-spellings.ts";
import type { Phrase } from "../../src/extract/text-item.ts";

const at = (text: string, x: number, y = 700, fontSize = 8): Phrase => ({
  text,
  x,
  y,
  right: x + text.length * fontSize * 0.5,
  fontSize,
});

describe("label spellings", () => {
  it("are all labels the reader knows", () => {
    for (const spelling of LABEL_SPELLINGS) expect(labelPhrases([at(spelling, 0)]), spelling).toHaveLength(1);
  });

  it("snap a title OCR got a letter or two wrong, keeping its panel number", () => {
    expect(misreadLabel("Lean Body Mas")).toBe("LEAN BODY MASS");
    expect(misreadLabel("Subcutancous Fat Mass")).toBe("SUBCUTANEOUS FAT MASS");
    expect(misreadLabel("Intracelular Fluid")).toBe("INTRACELLULAR FLUID");
    expect(snapMisreadLabels([at("1. Lean Body Mas", 10)])[0]?.text).toBe("1. LEAN BODY MASS");
  });

  it("leave exact labels, short words, names, values and far-off words alone", () => {
    for (const text of [
      "Lean Body Mass",
      "Age",
      "BMR",
      "AIKO TANAKA",
      "Mars",
      "18.9 / HIGH",
      "Body Composition",
      "Recommended Daily Intake",
    ])
      expect(misreadLabel(text), text).toBeNull();
    // as near HEIGHT as WEIGHT: neither
    expect(misreadLabel("EIGHT")).toBeNull();
  });

  it("leave out a panel number OCR read as letters (`S.` for 5., `TN.` for 11.), the title stays a title", () => {
    const snapped = snapMisreadLabels([at("S. Total Body Water", 10), at("TN. Visceral Fat Level", 200)]);
    expect(snapped.map((p) => p.text)).toEqual(["Total Body Water", "Visceral Fat Level"]);
    expect(labelPhrases(snapped)).toHaveLength(2);
    // letters before a dot that are no title's number stay as read
    expect(snapMisreadLabels([at("ST. Mary Gym", 10)])[0]?.text).toBe("ST. Mary Gym");
  });

  it("join a title OCR split into words, whatever order its boxes came in, but not words far apart", () => {
    const phrases = [
      at("6. Body", 158, 677),
      at("Maw", 198, 675.4),
      at("Fat", 185, 673.7),
      at("Lean Mass", 300, 676),
    ];
    const snapped = snapMisreadLabels(phrases);
    expect(snapped.map((p) => p.text)).toEqual(["6. BODY FAT MASS", "Lean Mass"]);
    const apart = snapMisreadLabels([at("Total Body", 10), at("Water", 200)]);
    expect(apart.map((p) => p.text)).toEqual(["Total Body", "Water"]);
  });

  it("write a panel number whose dot OCR lost, alone or beside its title, so it is not taken for a value", () => {
    expect(snapMisreadLabels([at("11 Visceral Fat Level", 300)])[0]?.text).toBe("11. Visceral Fat Level");
    const split = snapMisreadLabels([at("17", 500, 620), at("BWI", 510, 620), at("6.1", 505, 600, 12)]);
    expect(split.map((p) => p.text)).toEqual(["17. BWI", "6.1"]);
    // a title with its unit beside it stays as printed; a number that leads no label stays a number
    const kept = snapMisreadLabels([
      at("Lean Body Mass", 10),
      at("KG/LBS", 70),
      at("34", 300),
      at("Fat", 316),
    ]);
    expect(kept.map((p) => p.text)).toEqual(["Lean Body Mass", "KG/LBS", "34", "Fat"]);
  });

  it("measure edits up to a limit", () => {
    expect(editDistance("MAW", "MASS", 2)).toBe(2);
    expect(editDistance("LEAN", "LEAN", 0)).toBe(0);
    expect(editDistance("PROTEIN", "MINERAL", 2)).toBe(3);
  });
});
