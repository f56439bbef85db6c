import { shortcutOf, type KeyPress } from './call-shortcuts';

function press(overrides: Partial<KeyPress> = {}): KeyPress {
  return {
    key: 'm',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    repeat: false,
    target: { tagName: 'BODY', isContentEditable: false, inDialog: false },
    ...overrides,
  };
}

describe(shortcutOf.name, () => {
  const sut = shortcutOf;

  it('mutes with M and turns the camera with V, either case', () => {
    expect(sut(press({ key: 'm' }))).toBe('toggle-audio');
    expect(sut(press({ key: 'V' }))).toBe('toggle-video');
    expect(sut(press({ key: 'x' }))).toBeNull();
  });

  it('leaves the keys alone while someone types', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(sut(press({ target: { tagName, isContentEditable: false, inDialog: false } }))).toBeNull();
    }
    expect(sut(press({ target: { tagName: 'DIV', isContentEditable: true, inDialog: false } }))).toBeNull();
  });

  it('leaves the keys alone with a modifier (Ctrl+V pastes), held down, or behind an open dialog', () => {
    expect(sut(press({ key: 'v', ctrlKey: true }))).toBeNull();
    expect(sut(press({ metaKey: true }))).toBeNull();
    expect(sut(press({ repeat: true }))).toBeNull();
    expect(sut(press({ target: { tagName: 'BUTTON', isContentEditable: false, inDialog: true } }))).toBeNull();
  });
});
