import type { ChatMessage } from '@telehealth/contracts';
import { unreadCount, unreadLabel, withSeen } from './chat-unread';
import { translator } from '@/i18n/translator';

function line(id: string, from: string): ChatMessage {
  return { id, from, body: `line ${id}`, sentAt: '2026-11-30T20:45:00.000Z', senderName: from, senderRole: 'DOCTOR' } as ChatMessage;
}

describe(unreadCount.name, () => {
  const sut = unreadCount;

  it('counts the lines from others that were never on screen', () => {
    const seen = withSeen(new Set(), [line('1', 'doctor')]);
    expect(sut([line('1', 'doctor'), line('2', 'doctor'), line('3', 'doctor')], seen, 'patient')).toBe(2);
  });

  it('never counts the person’s own lines', () => {
    expect(sut([line('1', 'patient')], new Set(), 'patient')).toBe(0);
  });
});

describe(withSeen.name, () => {
  it('returns the same set when every line was seen, so nothing re-renders', () => {
    const seen = withSeen(new Set(), [line('1', 'doctor')]);
    expect(withSeen(seen, [line('1', 'doctor')])).toBe(seen);
    expect(withSeen(seen, [line('1', 'doctor'), line('2', 'doctor')])).not.toBe(seen);
  });
});

describe(unreadLabel.name, () => {
  it('says one message and several messages', () => {
    const t = translator('call');
    expect(unreadLabel(t, 1)).toBe('1 unread message');
    expect(unreadLabel(t, 3)).toBe('3 unread messages');
  });

  it('counts in Spanish and with the Arabic plural forms', () => {
    expect(unreadLabel(translator('call', 'es'), 1)).toBe('1 mensaje sin leer');
    expect(unreadLabel(translator('call', 'es'), 3)).toBe('3 mensajes sin leer');
    expect(unreadLabel(translator('call', 'ar'), 1)).toBe('رسالة واحدة غير مقروءة');
    expect(unreadLabel(translator('call', 'ar'), 2)).toBe('رسالتان غير مقروءتين');
  });
});
