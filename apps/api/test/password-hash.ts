import argon2 from 'argon2';

const hashes = new Map<string, Promise<string>>();

/**
 * `password`'s argon2id hash, made once per test file and reused for every account it stores: one
 * hash costs about 280 ms of CPU on CI's machine and the specs make hundreds of accounts. Sign-ins
 * still verify the password against it for real.
 */
export function passwordHashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = argon2.hash(password, { type: argon2.argon2id })));
  return hash;
}
