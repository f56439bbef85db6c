'use client';

import { useEffect, useRef } from 'react';
import { shortcutOf, type CallShortcut } from '@/lib/call-shortcuts';

/** M and V in the call (see `shortcutOf` for when a key is not one). */
export function useCallShortcuts(enabled: boolean, handlers: Record<CallShortcut, () => void>): void {
  // The latest handlers without binding the key listener again on every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const shortcut = shortcutOf({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        repeat: event.repeat,
        target: target && {
          tagName: target.tagName,
          isContentEditable: target.isContentEditable,
          // A modal open anywhere (focus may sit on its backdrop) keeps the keys for itself.
          inDialog: target.closest('[role=dialog],[role=alertdialog]') !== null || document.querySelector('[aria-modal="true"]') !== null,
        },
      });
      if (!shortcut) return;
      event.preventDefault();
      latest.current[shortcut]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
