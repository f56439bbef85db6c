'use client';

import { useRouter } from 'next/navigation';
import { useRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';

type Props = Omit<ComponentPropsWithoutRef<'a'>, 'href'> & {
  href: string;
  /** false: the page is never fetched ahead, not even when the pointer or the focus reaches the link. */
  prefetch?: boolean;
};

/**
 * The app's link: a real `<a href>` (it works before the scripts run, opens in a new tab, reads as a
 * link) that a plain click turns into a client-side navigation. It does what the app used of
 * `next/link` without its code on every page (the visit page's bytes, BENCHMARKS.md "Page weight"):
 * the page is prefetched once the user shows intent (pointer, focus, touch), not as it scrolls into view.
 */
export function AppLink({ href, prefetch = true, onClick, onPointerEnter, onFocus, onTouchStart, ...rest }: Props) {
  const router = useRouter();
  const prefetched = useRef<string | null>(null);
  const intent = () => {
    if (!prefetch || prefetched.current === href) return;
    prefetched.current = href;
    router.prefetch(href);
  };
  const navigate = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // A new tab or window, a download or another frame is the browser's to handle, as is a click the caller took.
    const modified = event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0;
    if (modified || event.defaultPrevented || rest.target || rest.download !== undefined) return;
    event.preventDefault();
    router.push(href);
  };
  return (
    <a
      href={href}
      onClick={navigate}
      onPointerEnter={(event) => {
        onPointerEnter?.(event);
        intent();
      }}
      onFocus={(event) => {
        onFocus?.(event);
        intent();
      }}
      onTouchStart={(event) => {
        onTouchStart?.(event);
        intent();
      }}
      {...rest}
    />
  );
}
