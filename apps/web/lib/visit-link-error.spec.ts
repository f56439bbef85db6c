import { packVisitLinkProblem, unpackVisitLinkProblem } from './visit-link-error';

describe(unpackVisitLinkProblem.name, () => {
  const sut = unpackVisitLinkProblem;

  it('gives back the reason and the sentence it was packed with', () => {
    const packed = packVisitLinkProblem({ reason: 'link_expired', sentence: 'This visit link no longer works: the visit has ended.' });
    expect(sut(packed)).toEqual({ reason: 'link_expired', sentence: 'This visit link no longer works: the visit has ended.' });
  });

  it('keeps a sentence that itself contains the separator', () => {
    expect(sut(packVisitLinkProblem({ reason: 'not_found', sentence: 'Odd :: but kept.' }))).toEqual({
      reason: 'not_found',
      sentence: 'Odd :: but kept.',
    });
  });

  it('reads a plain sentence as an unexplained failure that keeps its words', () => {
    expect(sut('The service cannot be reached.')).toEqual({ reason: 'internal_error', sentence: 'The service cannot be reached.' });
  });

  it('does not show next-auth codes such as CredentialsSignin to people', () => {
    expect(sut('CredentialsSignin').sentence).toBe('The visit could not be opened. Please try again.');
    expect(sut(undefined).reason).toBe('internal_error');
  });

  it('does not take an unknown word before the separator for a reason', () => {
    expect(sut('made_up::Hello.')).toEqual({ reason: 'internal_error', sentence: 'made_up::Hello.' });
  });
});
