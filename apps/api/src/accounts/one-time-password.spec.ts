import { ONE_TIME_PASSWORD_ALPHABET, usernameForStaffCode } from '@cchc/shared';
import { passwordProblem } from '@api/users';
import { generateOneTimePassword, HandoutEntry, openHandout, sealHandout } from './one-time-password';

describe('one-time passwords', () => {
  it('are 10 unambiguous characters with a letter and a digit, and pass the password rule', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = generateOneTimePassword();
      expect(p).toHaveLength(10);
      expect([...p].every((c) => ONE_TIME_PASSWORD_ALPHABET.includes(c))).toBe(true);
      expect(p).not.toMatch(/[0o1li]/);
      expect(passwordProblem(p)).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
  });
});

describe('sealed handouts', () => {
  const entries: HandoutEntry[] = [
    { unitName: 'Phường Nha Trang', unitPath: '/a/b/', fullName: 'Nguyễn Thị Hồng', position: 'Công chức Văn phòng - Thống kê', username: 'kh000123', password: 'abc23defgh' },
  ];

  it('open with their key and only with it', () => {
    const { sealed, key } = sealHandout(entries);
    expect(openHandout(sealed, key)).toEqual(entries);
    expect(sealed.toString('utf8')).not.toContain('abc23defgh');
    const other = sealHandout(entries).key;
    expect(openHandout(sealed, other)).toBeNull();
    expect(openHandout(sealed, 'short')).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(openHandout(tampered, key)).toBeNull();
  });
});

describe('username rule', () => {
  it('is the staff code in lower case after an optional prefix', () => {
    expect(usernameForStaffCode('KH000123')).toBe('kh000123');
    expect(usernameForStaffCode(' KH000123 ', 'kh.')).toBe('kh.kh000123');
    expect(usernameForStaffCode('')).toBeNull();
    expect(usernameForStaffCode(null)).toBeNull();
    expect(usernameForStaffCode('AB')).toBeNull();
    expect(usernameForStaffCode('NV 01')).toBeNull();
    expect(usernameForStaffCode('ĐV01')).toBeNull();
  });
});
