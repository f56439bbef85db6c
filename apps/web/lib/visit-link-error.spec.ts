import { translator } from '@/i18n/translator';
import { packVisitLinkProblem, unpackVisitLinkProblem, visitLinkSentence, type VisitLinkProblem } from './visit-link-error';

const STALE =
  'This visit link no longer works: the visit has ended, was moved or was cancelled. The clinic’s latest message has the link in force.';

describe(unpackVisitLinkProblem.name, () => {
  const sut = unpackVisitLinkProblem;

  it('gives back the problem it was packed with', () => {
    const problems: VisitLinkProblem[] = [
      { reason: 'link_expired', sentence: STALE },
      { reason: 'not_found', said: 'not_a_code' },
      {
        reason: 'too_many_attempts',
        sentence: 'Too many visit links or codes tried from this network. Try again in 9 minutes.',
        retryAfterSeconds: 530,
      },
    ];
    for (const problem of problems) expect(sut(packVisitLinkProblem(problem))).toEqual(problem);
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
    expect(sut('CredentialsSignin')).toEqual({ reason: 'internal_error', said: 'failed' });
    expect(sut(undefined).reason).toBe('internal_error');
  });

  it('does not take an unknown word before the separator for a reason', () => {
    expect(sut('made_up::,::Hello.')).toEqual({ reason: 'internal_error', sentence: 'made_up::,::Hello.' });
  });
});

describe(visitLinkSentence.name, () => {
  const en = translator('visitLink');
  const es = translator('visitLink', 'es');
  const ar = translator('visitLink', 'ar');

  it('shows the API’s own sentence on an English page', () => {
    expect(visitLinkSentence({ reason: 'link_expired', sentence: STALE }, en, 'en')).toBe(STALE);
  });

  it('words the API’s reason on a page in another language', () => {
    expect(visitLinkSentence({ reason: 'guest_removed', sentence: 'The doctor removed you from this visit.' }, es, 'es')).toBe(
      'El médico le ha retirado de esta consulta; este enlace ya no la abre.',
    );
    expect(visitLinkSentence({ reason: 'too_many_attempts', sentence: '…', retryAfterSeconds: 120 }, ar, 'ar')).toBe(
      'جُرّبت روابط أو رموز زيارة كثيرة جدًا من هذه الشبكة. حاول مرة أخرى بعد دقيقتين.',
    );
  });

  it('words the web app’s own findings in every language, the code’s example as it is', () => {
    expect(visitLinkSentence({ reason: 'not_found', said: 'not_a_code' }, en, 'en')).toBe(
      'That is not a visit code. A visit code has 8 letters and digits, like ABCD-EFGH: check it against the clinic’s message.',
    );
    expect(visitLinkSentence({ reason: 'not_found', said: 'not_a_code' }, ar, 'ar')).toContain('ABCD-EFGH');
    expect(visitLinkSentence(unpackVisitLinkProblem('CredentialsSignin'), es, 'es')).toBe(
      'No se pudo abrir la consulta. Inténtelo de nuevo.',
    );
  });
});
