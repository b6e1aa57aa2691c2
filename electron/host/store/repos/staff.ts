import type { Database } from 'better-sqlite3';
import type { StaffRole } from '../../../../shared/contract/staff';

export interface StaffRow {
  staffNumber: string;
  cardHash: string | null;
  pinHash: string;
  pinSalt: string;
  roles: StaffRole[];
  failedPins: number;
  lockedUntil: number | null;
  disabled: boolean;
  createdAt: number;
  createdBy: string;
}

interface RawRow {
  staff_number: string;
  card_hash: string | null;
  pin_hash: string;
  pin_salt: string;
  roles: string;
  failed_pins: number;
  locked_until: number | null;
  disabled: number;
  created_at: number;
  created_by: string;
}

const toRow = (r: RawRow): StaffRow => ({
  staffNumber: r.staff_number,
  cardHash: r.card_hash,
  pinHash: r.pin_hash,
  pinSalt: r.pin_salt,
  roles: r.roles.split(',').filter(Boolean) as StaffRole[],
  failedPins: r.failed_pins,
  lockedUntil: r.locked_until,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export function countStaff(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

export function findStaffByNumber(db: Database, staffNumber: string): StaffRow | undefined {
  const row = db.prepare('SELECT * FROM staff WHERE staff_number = ?').get(staffNumber) as RawRow | undefined;
  return row && toRow(row);
}

export function findStaffByCard(db: Database, cardHash: string): StaffRow | undefined {
  const row = db.prepare('SELECT * FROM staff WHERE card_hash = ?').get(cardHash) as RawRow | undefined;
  return row && toRow(row);
}

export function listStaff(db: Database): StaffRow[] {
  return (db.prepare('SELECT * FROM staff ORDER BY staff_number').all() as RawRow[]).map(toRow);
}

export function insertStaff(db: Database, s: Pick<StaffRow, 'staffNumber' | 'cardHash' | 'pinHash' | 'pinSalt' | 'roles' | 'createdAt' | 'createdBy'>): void {
  db.prepare('INSERT INTO staff (staff_number, card_hash, pin_hash, pin_salt, roles, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.staffNumber,
    s.cardHash,
    s.pinHash,
    s.pinSalt,
    s.roles.join(','),
    s.createdAt,
    s.createdBy,
  );
}

/** Records a wrong PIN; returns the count. */
export function recordWrongPin(db: Database, staffNumber: string): number {
  db.prepare('UPDATE staff SET failed_pins = failed_pins + 1 WHERE staff_number = ?').run(staffNumber);
  return findStaffByNumber(db, staffNumber)?.failedPins ?? 0;
}

export function lockStaff(db: Database, staffNumber: string, until: number): void {
  db.prepare('UPDATE staff SET locked_until = ?, failed_pins = 0 WHERE staff_number = ?').run(until, staffNumber);
}

export function clearWrongPins(db: Database, staffNumber: string): void {
  db.prepare('UPDATE staff SET failed_pins = 0, locked_until = NULL WHERE staff_number = ?').run(staffNumber);
}
