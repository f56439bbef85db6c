import { z } from 'zod';

export const ZHealthResponseSchema = z.object({
  service: z.string(),
  status: z.enum(['ok', 'degraded']),
  server_time: z.string(),
  database: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down', 'not-configured']),
});
export type HealthResponse = z.infer<typeof ZHealthResponseSchema>;
