import { z } from 'zod';

/** One page of a paginated list: the items and where the page stands in the whole. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number(),
    pageSize: z.number(),
    total: z.number(),
  });
}
