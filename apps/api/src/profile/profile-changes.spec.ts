import { refusedFields, sentFields } from './profile-changes';

describe(sentFields.name, () => {
  it('names the fields sent, in a fixed order, never their values', () => {
    expect(sentFields({ language: 'ar', name: 'Amira Saleh' })).toEqual(['name', 'language']);
    expect(sentFields({ timeZone: 'Africa/Cairo' })).toEqual(['timeZone']);
  });
});

describe(refusedFields.name, () => {
  it('lets staff and patients change their name, time zone and language', () => {
    for (const role of ['DOCTOR', 'PATIENT', 'ADMIN'] as const) {
      expect(refusedFields(role, { name: 'New Name', timeZone: 'UTC', language: 'es' })).toEqual([]);
    }
  });

  it('keeps a guest’s name as their doctor gave it, and lets them choose their time zone and language', () => {
    expect(refusedFields('GUEST', { language: 'ar', timeZone: 'Asia/Dubai' })).toEqual([]);
    expect(refusedFields('GUEST', { name: 'Someone Else', language: 'ar' })).toEqual(['name']);
  });
});
