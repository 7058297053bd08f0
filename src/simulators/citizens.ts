// Synthetic citizens for the population-registry simulator: deterministic (citizen i is always the same
// person), so demos and tests can name them. Nobody here is real. ID numbers follow the 12-digit layout
// (3-digit province of birth, century/sex digit, 2-digit year of birth, 6 digits); 038 is Thanh Hóa.
export type Citizen = { idNumber: string; fullName: string; dateOfBirth: string; sex: 'male' | 'female'; address: string; phone: string };

const FAMILY = ['Nguyễn', 'Lê', 'Trần', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Bùi', 'Ngô', 'Đặng', 'Lương', 'Trịnh', 'Mai', 'Hà', 'Cao'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Xuân', 'Đình'];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Hồng', 'Minh', 'Khánh'];
const GIVEN_M = ['Hùng', 'Nam', 'Tuấn', 'Dũng', 'Long', 'Sơn', 'Khoa', 'Phúc', 'Thắng', 'Hiếu', 'Bảo', 'Cường'];
const GIVEN_F = ['Lan', 'Hương', 'Mai', 'Trang', 'Hà', 'Linh', 'Ngân', 'Thảo', 'Yến', 'Hường', 'Nhung', 'Oanh'];
const PLACES = [
  ['phố Lê Lợi', 'phường Hạc Thành'],
  ['phố Trần Phú', 'phường Hạc Thành'],
  ['phố Nguyễn Trãi', 'phường Hạc Thành'],
  ['phố Bà Triệu', 'phường Hạc Thành'],
  ['phố Hoằng Quang', 'phường Nguyệt Viên'],
  ['thôn Đại Khối', 'phường Nguyệt Viên'],
  ['thôn 3', 'xã Đông Tiến'],
  ['thôn Phú Minh', 'xã Đông Tiến'],
] as const;

export const CITIZEN_COUNT = 5000;

/** A small deterministic hash, so each field varies independently with i. */
function h(i: number, salt: number): number {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822519);
  x = Math.imul(x ^ (x >>> 13), 3266489917);
  return (x ^ (x >>> 16)) >>> 0;
}

export function citizen(i: number): Citizen {
  const female = h(i, 1) % 2 === 0;
  const year = 1935 + (h(i, 2) % 75); // 1935–2009: many elderly applicants, as at the counter
  const month = 1 + (h(i, 3) % 12);
  const day = 1 + (h(i, 4) % 28);
  const centurySex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `038${centurySex}${String(year % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
  const pick = <T>(a: readonly T[], salt: number) => a[h(i, salt) % a.length]!;
  const [street, ward] = pick(PLACES, 5);
  return {
    idNumber,
    fullName: `${pick(FAMILY, 6)} ${pick(female ? MIDDLE_F : MIDDLE_M, 7)} ${pick(female ? GIVEN_F : GIVEN_M, 8)}`,
    dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex: female ? 'female' : 'male',
    address: `Số ${1 + (h(i, 9) % 200)}, ${street}, ${ward}, tỉnh Thanh Hóa`,
    phone: `09${String(h(i, 10) % 100_000_000).padStart(8, '0')}`,
  };
}

/** The citizen with this ID number, if the simulator knows them (the last 6 digits are the index). */
export function citizenById(idNumber: string): Citizen | undefined {
  if (!/^038[0-3][0-9]{2}[0-9]{6}$/.test(idNumber)) return undefined;
  const i = Number(idNumber.slice(6));
  if (i >= CITIZEN_COUNT) return undefined;
  const c = citizen(i);
  return c.idNumber === idNumber ? c : undefined;
}
