import { ConfigError, loadConfig } from './app-config';

const SECRET = 'a-secret-that-is-at-least-32-characters';

describe(loadConfig.name, () => {
  it('fills the documented defaults for a development machine', () => {
    const sut = loadConfig({ JWT_SECRET: SECRET });
    expect(sut).toMatchObject({ API_PORT: 4000, JOIN_WINDOW_BEFORE_MIN: 10, RECONNECT_GRACE_S: 30, SEED_DEMO: true, STUN_URLS: [] });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('stops with a sentence naming a missing secret', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError('Invalid configuration: JWT_SECRET is required.'));
  });

  it('stops with a sentence naming a bad value', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres:\/\//);
    expect(() => loadConfig({ JWT_SECRET: SECRET, API_PORT: 'eighty' })).toThrow(/^Invalid configuration: API_PORT /);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ JWT_SECRET: SECRET, TURN_URLS: 'turn:turn.example.org:3478' })).toThrow(
      /TURN_SECRET is required when TURN_URLS is set/,
    );
  });

  it('never seeds demo accounts in production unless told to, and wants a real database there', () => {
    expect(() => loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required in production/);
    const sut = loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/telehealth' });
    expect(sut.SEED_DEMO).toBe(false);
  });

  it('reads lists of ICE server URLs', () => {
    const sut = loadConfig({ JWT_SECRET: SECRET, STUN_URLS: 'stun:a.example:3478, stun:b.example:3478' });
    expect(sut.STUN_URLS).toEqual(['stun:a.example:3478', 'stun:b.example:3478']);
  });

  it('sends calls through TURN only when ICE_TRANSPORT_POLICY is relay, and only with a TURN server to send them to', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).ICE_TRANSPORT_POLICY).toBe('all');
    const turn = { TURN_URLS: 'turn:turn.example.org:3478', TURN_SECRET: 'a-shared-turn-secret' };
    expect(loadConfig({ JWT_SECRET: SECRET, ...turn, ICE_TRANSPORT_POLICY: 'relay' }).ICE_TRANSPORT_POLICY).toBe('relay');
    expect(() => loadConfig({ JWT_SECRET: SECRET, ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/ICE_TRANSPORT_POLICY relay needs TURN_URLS/);
    expect(() => loadConfig({ JWT_SECRET: SECRET, ICE_TRANSPORT_POLICY: 'turn' })).toThrow(/ICE_TRANSPORT_POLICY must be all or relay/);
  });
});

describe('TRUST_PROXY', () => {
  const trust = (value?: string) => loadConfig({ JWT_SECRET: SECRET, ...(value === undefined ? {} : { TRUST_PROXY: value }) }).TRUST_PROXY;

  it('trusts no proxy by default', () => {
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
  });

  it('takes a hop count or a list of proxy addresses and CIDRs', () => {
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.2, 172.16.0.0/12,::1,loopback')).toEqual(['10.0.0.2', '172.16.0.0/12', '::1', 'loopback']);
  });

  it('refuses to trust every hop, and anything that is not an address, with a sentence', () => {
    expect(() => trust('true')).toThrow(/TRUST_PROXY must not be true \(trusting every hop lets any client forge its address\)/);
    expect(() => trust('nginx')).toThrow(
      /TRUST_PROXY must be false, a hop count such as 1, or a comma-separated list of proxy addresses or CIDRs \("nginx" is none of these\)/,
    );
    expect(() => trust('10.0.0.0/40')).toThrow(/TRUST_PROXY must be false/);
  });
});

describe('REMINDER_MINUTES', () => {
  const leads = (value?: string) =>
    loadConfig({ JWT_SECRET: SECRET, ...(value === undefined ? {} : { REMINDER_MINUTES: value }) }).REMINDER_MINUTES;

  it('reminds a day and a quarter of an hour before by default, longest lead first', () => {
    expect(leads()).toEqual([1440, 15]);
    expect(leads(' 15, 60 ,1440')).toEqual([1440, 60, 15]);
    expect(leads('none')).toEqual([]);
  });

  it('refuses anything but whole minutes, once each, with a sentence', () => {
    expect(() => leads('1440,soon')).toThrow(
      /REMINDER_MINUTES must be "none" or a comma-separated list of minutes before the visit such as 1440,15 \("soon" is not a whole number of minutes from 1 to 43200\)/,
    );
    expect(() => leads('0')).toThrow(/"0" is not a whole number of minutes/);
    expect(() => leads('1.5')).toThrow(/"1.5" is not/);
    expect(() => leads('60,,15')).toThrow(/"" is not/);
    expect(() => leads('15,15')).toThrow(/REMINDER_MINUTES lists 15 minutes twice/);
  });

  it('sweeps every minute and lets patients cancel until an hour before, by default', () => {
    expect(loadConfig({ JWT_SECRET: SECRET })).toMatchObject({ REMINDER_SWEEP_S: 60, PATIENT_CANCEL_NOTICE_MIN: 60 });
    expect(() => loadConfig({ JWT_SECRET: SECRET, PATIENT_CANCEL_NOTICE_MIN: '-5' })).toThrow(
      /^Invalid configuration: PATIENT_CANCEL_NOTICE_MIN /,
    );
  });
});
