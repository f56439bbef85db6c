import { z } from 'zod';
import { MAX_WAITING_MESSAGE_LENGTH } from '../visit-updates';
import { zText } from './text';

/** `waiting-message` (client → server, the visit's doctor): a short note to the patient waiting in the room. */
export const ZWaitingMessageRequestSchema = z.object({
  roomId: z.string().min(1).max(64),
  text: zText({ min: 1, max: MAX_WAITING_MESSAGE_LENGTH }),
});
export type WaitingMessageRequest = z.infer<typeof ZWaitingMessageRequestSchema>;
