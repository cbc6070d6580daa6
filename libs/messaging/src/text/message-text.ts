/**
 * Message length is counted in Unicode code points, as users count characters: 中 is one,
 * 😀 is one (two UTF-16 units). Counting without materialising an array keeps the send path
 * cheap for long texts.
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Whitespace-only text (including ideographic and zero-width spaces) is not a message. */
export function isBlank(text: string): boolean {
  return /^(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)*$/u.test(text);
}
