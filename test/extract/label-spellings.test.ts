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

  it("measure edits up to a limit", () => {
    expect(editDistance("MAW", "MASS", 2)).toBe(2);
    expect(editDistance("LEAN", "LEAN", 0)).toBe(0);
    expect(editDistance("PROTEIN", "MINERAL", 2)).toBe(3);
  });
});
