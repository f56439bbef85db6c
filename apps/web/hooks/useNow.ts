'use client';

import { useEffect, useState } from 'react';

/** The current time, re-rendered every `intervalMs`, so countdowns and elapsed times tick without reload. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}
