import { attendanceColumns, matchAttendanceRow } from './attendance-match';

const people = [
  { id: '1', staffCode: 'KH001', fullName: 'Nguyễn Văn An', unitName: 'Xã An Bình', unitCode: 'X.AB' },
  { id: '2', staffCode: 'KH002', fullName: 'Nguyễn Văn An', unitName: 'Phường Bình Minh', unitCode: 'P.BM' },
  { id: '3', staffCode: 'KH003', fullName: 'Trần Thị Bích', unitName: 'Xã An Bình', unitCode: 'X.AB' },
];
const row = (staffCode: string | null, fullName: string | null, unitName: string | null = null) => ({ row: 2, staffCode, fullName, unitName });

describe('matchAttendanceRow', () => {
  it('matches by staff code first, in any case', () => {
    expect(matchAttendanceRow(row('kh002', 'Tên Khác'), people)).toMatchObject({ status: 'matched', person: { id: '2' } });
    expect(matchAttendanceRow(row('KH999', 'Nguyễn Văn An'), people).status).toBe('unmatched');
  });
  it('matches by name without diacritics when the name is unique', () => {
    expect(matchAttendanceRow(row(null, 'tran thi bich'), people)).toMatchObject({ status: 'matched', person: { id: '3' } });
  });
  it('a shared name is ambiguous until the unit decides', () => {
    const r = matchAttendanceRow(row(null, 'NGUYEN VAN AN'), people);
    expect(r.status).toBe('ambiguous');
    expect(matchAttendanceRow(row(null, 'Nguyen Van An', 'Phuong Binh Minh'), people)).toMatchObject({ status: 'matched', person: { id: '2' } });
    expect(matchAttendanceRow(row(null, 'Nguyễn Văn An', 'X.AB'), people)).toMatchObject({ status: 'matched', person: { id: '1' } });
    expect(matchAttendanceRow(row(null, 'Nguyễn Văn An', 'UBND Xã An Bình'), people)).toMatchObject({ status: 'matched', person: { id: '1' } });
  });
  it('unknown names and empty rows are unmatched with a Vietnamese message', () => {
    expect(matchAttendanceRow(row(null, 'Lê Văn Cường'), people)).toMatchObject({ status: 'unmatched', message: expect.stringContaining('Không tìm thấy') });
    expect(matchAttendanceRow(row(null, null), people).status).toBe('unmatched');
  });
});

describe('attendanceColumns', () => {
  it('finds the columns by header text with or without diacritics', () => {
    expect(attendanceColumns(['STT', 'Mã cán bộ', 'Họ và tên', 'Đơn vị công tác', 'Ký tên'])).toEqual({ staffCode: 1, fullName: 2, unitName: 3 });
    expect(attendanceColumns(['stt', 'ho ten', 'co quan'])).toEqual({ staffCode: -1, fullName: 1, unitName: 2 });
  });
});
