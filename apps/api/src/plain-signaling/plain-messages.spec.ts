import { errorMessage, readPlainMessage, toGatewayEvent, toPlainMessage } from './plain-messages';

describe('plain signaling messages', () => {
  const room = 'room-1';

  it('refuses text that is not JSON with a sentence that says so', () => {
    expect(readPlainMessage('{"type":')).toMatchObject({
      ok: false,
      code: 400,
      reason: 'validation_failed',
      error: expect.stringMatching(/^Not JSON/),
    });
  });

  it('refuses a message of an unknown type, naming the field', () => {
    expect(readPlainMessage('{"type":"shout"}')).toMatchObject({ ok: false, code: 400, error: expect.stringContaining('type') });
  });

  it('turns an offer (description or bare SDP) into the gateway offer, keeping `to` and dropping `from`', () => {
    expect(toGatewayEvent({ type: 'offer', from: 'forged', to: 'b', payload: { type: 'offer', sdp: 'v=0' } }, room)).toEqual({
      event: 'offer',
      payload: { sdp: 'v=0', to: 'b' },
    });
    expect(toGatewayEvent({ type: 'answer', payload: 'v=0' }, room)).toEqual({ event: 'answer', payload: { sdp: 'v=0' } });
  });

  it('turns candidate into ice-candidate and bye into leave-room', () => {
    expect(toGatewayEvent({ type: 'candidate', payload: { candidate: 'c' } }, room)).toEqual({
      event: 'ice-candidate',
      payload: { candidate: { candidate: 'c' } },
    });
    expect(toGatewayEvent({ type: 'bye' }, room)).toEqual({ event: 'leave-room', payload: undefined });
  });

  it("refuses a message for another room than the connection's", () => {
    expect(toGatewayEvent({ type: 'bye', room_id: 'room-2' }, room)).toMatchObject({ ok: false, code: 400 });
  });

  it('passes custom events the gateway knows, but not the join and leave the connection manages', () => {
    expect(toGatewayEvent({ type: 'custom', payload: { event: 'chat-message', data: { body: 'hi' } } }, room)).toEqual({
      event: 'chat-message',
      payload: { body: 'hi' },
    });
    expect(toGatewayEvent({ type: 'custom', payload: { event: 'join-room', data: {} } }, room)).toMatchObject({ ok: false, code: 404 });
    expect(toGatewayEvent({ type: 'custom', payload: 'nope' }, room)).toMatchObject({ ok: false, code: 400 });
  });

  it('delivers gateway events as plain messages: relays by type, peer-left as bye, the rest as custom', () => {
    expect(toPlainMessage('offer', { sdp: 'v=0', from: 'a' }, room, 'b')).toEqual({
      type: 'offer',
      from: 'a',
      to: 'b',
      room_id: room,
      payload: { type: 'offer', sdp: 'v=0' },
    });
    expect(toPlainMessage('ice-candidate', { candidate: { candidate: 'c' }, from: 'a' }, room, 'b')).toMatchObject({
      type: 'candidate',
      payload: { candidate: 'c' },
    });
    expect(toPlainMessage('peer-left', { peer: { userId: 'a' } }, room, 'b')).toMatchObject({ type: 'bye', from: 'a' });
    expect(toPlainMessage('waiting-room-updated', { waiting: [] }, room, 'b')).toEqual({
      type: 'custom',
      from: 'server',
      room_id: room,
      payload: { event: 'waiting-room-updated', data: { waiting: [] } },
    });
  });

  it('writes errors in the REST shape with what they answer', () => {
    expect(errorMessage({ ok: false, code: 409, reason: 'not_in_room', error: 'Join the visit first.' }, room, 'offer')).toEqual({
      type: 'error',
      from: 'server',
      room_id: room,
      error: 'Join the visit first.',
      code: 409,
      reason: 'not_in_room',
      in_reply_to: 'offer',
    });
  });
});
