import { safeCallbackPath } from './safe-callback';

describe(safeCallbackPath.name, () => {
  const sut = (value: unknown, origin?: string) => safeCallbackPath(value, '/home', origin);

  it('keeps a plain path with its query and fragment', () => {
    expect(sut('/patient')).toBe('/patient');
    expect(sut('/history/abc?page=2#notes')).toBe('/history/abc?page=2#notes');
  });

  it('normalises dot segments that stay on the site', () => {
    expect(sut('/patient/../doctor')).toBe('/doctor');
    expect(sut('/./patient')).toBe('/patient');
  });

  it('refuses the path that normalises into a protocol-relative URL (the reported attack)', () => {
    expect(sut('/.//evil.example/phish')).toBe('/home');
    expect(sut('/a/..//evil.example')).toBe('/home');
  });

  it('refuses protocol-relative and backslash forms', () => {
    for (const value of ['//evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example', '\\/evil.example', '/x\\y']) {
      expect(sut(value)).toBe('/home');
    }
  });

  it('refuses forms that only leave the site once decoded', () => {
    for (const value of ['/%2F%2Fevil.example', '/%5Cevil.example', '%2F%2Fevil.example', '/%252F%252Fevil.example', '/%E0%A4%A']) {
      expect(sut(value)).toBe('/home');
    }
  });

  it('refuses absolute URLs and other schemes', () => {
    for (const value of [
      'https://evil.example/',
      'http:evil.example',
      'javascript:alert(1)',
      'data:text/html,x',
      'evil.example/path',
      '',
    ]) {
      expect(sut(value)).toBe('/home');
    }
  });

  it('refuses control characters and surrounding whitespace that browsers strip', () => {
    for (const value of ['/\t/evil.example', '/\n/evil.example', ' //evil.example', '/patient ', '/\u0000x']) {
      expect(sut(value)).toBe('/home');
    }
  });

  it('reduces an absolute URL on its own origin to the path, and refuses look-alike hosts', () => {
    expect(sut('http://localhost:3000/history?x=1', 'http://localhost:3000')).toBe('/history?x=1');
    expect(sut('http://localhost:3000', 'http://localhost:3000')).toBe('/');
    expect(sut('http://localhost:3000.evil.example/', 'http://localhost:3000')).toBe('/home');
    expect(sut('http://localhost:3000//evil.example', 'http://localhost:3000')).toBe('/home');
  });

  it('takes the first of repeated values and refuses anything that is not a string', () => {
    expect(sut(['/doctor', '//evil.example'])).toBe('/doctor');
    expect(sut(undefined)).toBe('/home');
    expect(sut(42)).toBe('/home');
    expect(sut(`/${'a'.repeat(3000)}`)).toBe('/home');
  });
});
