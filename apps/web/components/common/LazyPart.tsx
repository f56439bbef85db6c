'use client';

import type { ReactNode } from 'react';
import { useLazyModule } from '@/hooks/useLazyModule';
import type { LazyModule } from '@/lib/lazy-module';

/**
 * What `render` makes of `code`'s module, once it is in (asked for as this mounts, hooks/useLazyModule);
 * nothing before. At once when the module came earlier: asked for ahead, as the page knew it would be wanted.
 */
export function LazyPart<T>({ code, render }: { code: LazyModule<T>; render: (module: T) => ReactNode }) {
  const module = useLazyModule(code);
  return module ? render(module) : null;
}
