// The figures one misread glyph in a figure's whole part most often hides: a doubled digit read once
// (`11.5` read `1.5`, `77.8` read `7.8`: tesseract merges two narrow equal glyphs) and a stroke read as a
// `1` (`[163%]` for 63 %: a bracket's or slash's edge). Alone they prove nothing; settle.ts takes one only
// where it is the single edit that makes the sheet's arithmetic hold.

/** Every figure one such edit of `figure`'s whole part gives (its decimals untouched), as numbers. */
export function oneGlyphEdits(figure: string): number[] {
  const match = /^(\d[\d,]*)(\.\d+)?$/.exec(figure.trim());
  if (!match) return [];
  const whole = (match[1] as string).replaceAll(",", "");
  const decimals = match[2] ?? "";
  const edits = new Set<string>();
  for (let i = 0; i < whole.length; i++) {
    const digit = whole[i] as string;
    edits.add(whole.slice(0, i + 1) + digit + whole.slice(i + 1));
    const doubled = whole[i + 1] === digit || whole[i - 1] === digit;
    if (digit === "1" || doubled) edits.add(whole.slice(0, i) + whole.slice(i + 1));
  }
  edits.delete(whole);
  return [...edits]
    .filter((edit) => edit !== "" && (edit.length === 1 || !edit.startsWith("0")))
    .map((edit) => Number(edit + decimals));
}
