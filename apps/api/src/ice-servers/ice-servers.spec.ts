import { createHmac } from 'node:crypto';
import { iceServersFor } from './ice-servers';

const NOW = new Date('2026-05-01T09:00:00Z');

describe(iceServersFor.name, () => {
  it('gives only STUN when no TURN is configured', () => {
    expect(iceServersFor('u1', { stunUrls: ['stun:stun.example.org:3478'], turnUrls: [], turnTtlSeconds: 3600 }, NOW)).toEqual({
      iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
      expiresAt: null,
      iceTransportPolicy: 'all',
    });
  });

  it('hands the clinic’s transport policy to the browsers', () => {
    const settings = { stunUrls: [], turnUrls: ['turn:turn.example.org:3478'], turnSecret: 'shared-secret-0123456789', turnTtlSeconds: 60 };
    expect(iceServersFor('u1', { ...settings, transportPolicy: 'relay' }, NOW).iceTransportPolicy).toBe('relay');
  });

  it('gives TURN credentials coturn’s use-auth-secret accepts: expiry:user and HMAC-SHA1 of it', () => {
    const sut = iceServersFor(
      'u1',
      { stunUrls: [], turnUrls: ['turn:turn.example.org:3478'], turnSecret: 'shared-secret-0123456789', turnTtlSeconds: 3600 },
      NOW,
    );
    const expiry = NOW.getTime() / 1000 + 3600;
    expect(sut.iceServers).toEqual([
      {
        urls: ['turn:turn.example.org:3478'],
        username: `${expiry}:u1`,
        credential: createHmac('sha1', 'shared-secret-0123456789').update(`${expiry}:u1`).digest('base64'),
      },
    ]);
    expect(sut.expiresAt).toBe('2026-05-01T10:00:00.000Z');
  });
});
