/** One run of text as pdf.js returns it, in PDF user space (origin bottom-left, y up). */
export interface TextItem {
  str: string;
  /** left edge of the run */
  x: number;
  /** baseline */
  y: number;
  width: number;
  fontSize: number;
}

/** Adjacent runs on one baseline merged back into the words a person reads. */
export interface Phrase {
  text: string;
  x: number;
  y: number;
  right: number;
  fontSize: number;
}
