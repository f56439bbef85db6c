import { z } from 'zod';
import { NOT_IN_ROOM, parse, refused, unknownEvent } from './acks';

describe('signaling acknowledgements', () => {
  it('reads a valid payload as the schema does', () => {
    expect(parse(z.object({ body: z.string().trim() }), { body: ' hi ' })).toEqual({ ok: true, data: { body: 'hi' } });
  });

  it('refuses an invalid payload with a 400 that names the field and says validation_failed', () => {
    expect(parse(z.object({ roomId: z.string() }), {})).toEqual({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: 'roomId: is required',
    });
  });

  it('gives every refusal its reason', () => {
    expect(NOT_IN_ROOM).toEqual({ ok: false, code: 409, reason: 'not_in_room', error: 'Join the visit first.' });
    expect(refused(429, 'rate_limited', 'Slow down.')).toEqual({ ok: false, code: 429, reason: 'rate_limited', error: 'Slow down.' });
  });

  it('names an unknown event, cut short', () => {
    expect(unknownEvent('x'.repeat(100))).toEqual({
      ok: false,
      code: 404,
      reason: 'unknown_event',
      error: `Unknown event "${'x'.repeat(40)}".`,
    });
  });
});
