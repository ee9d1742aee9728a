// A gate a test opens when it wants: `opened` resolves once `open()` is called (an ordering, not a timing).
export function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}
