/** What a key does in the call. */
export type CallShortcut = 'toggle-audio' | 'toggle-video';

/**
 * The keys, as the help popover lists them. The key is the physical key in every language (M and V);
 * what it does is the catalogue's `call.shortcuts.<description>`.
 */
export const CALL_SHORTCUTS: ReadonlyArray<{ key: string; shortcut: CallShortcut; description: 'toggleAudio' | 'toggleVideo' }> = [
  { key: 'M', shortcut: 'toggle-audio', description: 'toggleAudio' },
  { key: 'V', shortcut: 'toggle-video', description: 'toggleVideo' },
];

/** The parts of a keydown that decide whether it is a shortcut. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  /** The focused element: its tag name, whether it is editable, whether it sits in a dialog. */
  target: { tagName: string; isContentEditable: boolean; inDialog: boolean } | null;
}

const TYPING_TAGS = ['INPUT', 'TEXTAREA', 'SELECT'];

/**
 * The shortcut a key press means, or null: never while someone types (a chat line with an "m"),
 * never with a modifier (Ctrl+V pastes), never held down, never behind an open dialog.
 */
export function shortcutOf(press: KeyPress): CallShortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.shiftKey || press.repeat) return null;
  const target = press.target;
  if (target && (TYPING_TAGS.includes(target.tagName.toUpperCase()) || target.isContentEditable || target.inDialog)) return null;
  const key = press.key.toLowerCase();
  return CALL_SHORTCUTS.find((entry) => entry.key.toLowerCase() === key)?.shortcut ?? null;
}
