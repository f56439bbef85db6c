import { bearer, signedInUser, startTestApp } from './test-app';

describe('GET /api/ice-servers', () => {
  it('gives signed-in users STUN and time-limited TURN credentials, and nobody else', async () => {
    const sut = await startTestApp({
      STUN_URLS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478',
      TURN_SECRET: 'a-shared-turn-secret',
    });
    try {
      await sut.http.get('/api/ice-servers').expect(401);
      const patient = await signedInUser(sut, 'PATIENT');
      const response = await sut.http.get('/api/ice-servers').set(bearer(patient)).expect(200);
      expect(response.body.iceServers).toEqual([
        { urls: ['stun:stun.example.org:3478'] },
        {
          urls: ['turn:turn.example.org:3478'],
          username: expect.stringMatching(new RegExp(`^\\d+:${patient.id}$`)),
          credential: expect.any(String),
        },
      ]);
      expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(Date.now());
      expect(response.body.iceTransportPolicy).toBe('all');
    } finally {
      await sut.close();
    }
  });
});
