'use client';

/**
 * What a guest sees when the doctor did not let them in, or took them out of the call: a plain
 * sentence and no way back in (their link no longer opens the visit).
 */
export function TurnedAwayScreen({ state, doctorName }: { state: 'declined' | 'removed'; doctorName: string }) {
  const declined = state === 'declined';
  return (
    <section
      className="card end-screen"
      data-testid={declined ? 'call-declined' : 'call-removed'}
      data-state={state}
      aria-labelledby="turned-away-title"
      role="alert"
    >
      <h1 id="turned-away-title">{declined ? 'You were not let in' : 'You are no longer in the visit'}</h1>
      <p data-testid="turned-away-text">
        {declined ? 'The doctor did not admit you to this visit.' : 'The doctor removed you from this visit.'}
      </p>
      <p className="hint">If you think this is a mistake, contact {doctorName}’s clinic. You can close this page.</p>
    </section>
  );
}
