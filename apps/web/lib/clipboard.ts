/**
 * Puts text on the clipboard while it is still being fetched: Safari accepts a clipboard write
 * only when it starts inside the click, so the write is begun at once with the text's promise
 * (a ClipboardItem), and where that is not supported, made with the text once it is there.
 * Resolves false when the browser refuses (no permission, not a secure page); rejects when the
 * text itself could not be had.
 */
export async function copyWhenReady(text: Promise<string>): Promise<boolean> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (clipboard && typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
    try {
      const blob = text.then((value) => new Blob([value], { type: 'text/plain' }));
      // A failed fetch is the caller's to report (below), not an unhandled rejection here.
      blob.catch(() => undefined);
      await clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return true;
    } catch {
      // not supported in this form, or refused: the plain way below
    }
  }
  const value = await text;
  if (!clipboard) return false;
  try {
    await clipboard.writeText(value);
    return true;
  } catch {
    return false;
  }
}
