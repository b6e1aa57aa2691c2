import { createHmac, hkdfSync } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { SignInResult, StaffEvent, StaffRole, StaffSession } from '../../../shared/contract/staff';
import { canonicalUid } from '../../../shared/hardware/staff-card-reader';
import type { Logger } from '../log/logger';
import { appendAudit } from '../store/repos/audit-log';
import { clearWrongPins, countStaff, findStaffByCard, findStaffByNumber, insertStaff, listStaff, lockStaff, recordWrongPin, type StaffRow } from '../store/repos/staff';
import { hashSecret, spendVerifyTime, verifySecret } from './pin-hash';
import { useSetupCode } from './setup-code';

/** Five wrong PINs lock that staff member for 15 minutes. */
export const PIN_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** A staff session ends after two minutes without a touch. */
export const STAFF_IDLE_MS = 2 * 60 * 1000;
/**
 * Sign-in by staff number, kiosk-wide: ten failures within 15 minutes, whichever numbers were
 * tried, pause it for 5 minutes, so nobody can work through numbers five wrong PINs at a time.
 * Card + PIN is not paused (a resident cannot lock staff out), only each staff member's lock.
 */
export const NUMBER_FAILURE_LIMIT = 10;
export const NUMBER_FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const NUMBER_PAUSE_MS = 5 * 60 * 1000;
/** A staff card on the reader waits this long for its PIN. */
export const CARD_WAIT_MS = 60 * 1000;

export type EndReason = Extract<StaffEvent, { kind: 'ended' }>['reason'];

interface Active {
  staffNumber: string;
  roles: StaffRole[];
  lastTouch: number;
}

export interface StaffAuthDeps {
  db: Database;
  dataDir: string;
  /** The key the card UIDs are hashed with (derived from the kiosk's audit key). */
  cardKey: Buffer;
  now: () => number;
  log: Logger;
  /** Told of every session start and end and every staff card presented. */
  onEvent: (event: StaffEvent) => void;
}

/** Derives the card-hash key from the audit key, so a card UID is never stored as it is. */
export function cardKeyFrom(auditKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'police-kiosk staff card v1', 32));
}

/** True for PINs anyone would try first: one digit repeated, a run up or down, or the staff number. */
export function isWeakPin(pin: string, staffNumber: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return true;
  return pin === staffNumber || staffNumber.includes(pin);
}

const refused = (reason: Extract<SignInResult, { signedIn: false }>['reason'], more: { attemptsLeft?: number | null; lockedUntil?: number | null } = {}): SignInResult => ({
  signedIn: false,
  reason,
  attemptsLeft: more.attemptsLeft ?? null,
  lockedUntil: more.lockedUntil ?? null,
});

/**
 * Who of the station staff is signed in, and how they got there: card + PIN or staff number +
 * PIN, with the lockout, the idle end and the one-time set-up of the first admin. Every
 * sign-in, refusal, lockout and end is audited; PINs and card UIDs never reach a log.
 */
export class StaffAuth {
  private active: Active | null = null;
  private card: { hash: string; at: number } | null = null;
  /** When sign-ins by staff number failed, within the window. */
  private numberFailures: number[] = [];
  private numberPausedUntil = 0;

  constructor(private readonly deps: StaffAuthDeps) {}

  hasStaff(): boolean {
    return countStaff(this.deps.db) > 0;
  }

  /** The keyed hash a card is known by; the same card gives the same hash however the reader printed its UID. */
  cardHash(uid: string): string {
    return createHmac('sha256', this.deps.cardKey).update(canonicalUid(uid) ?? uid.trim().toUpperCase()).digest('hex');
  }

  /** A staff card was read: its PIN is asked next. */
  presentCard(uid: string): void {
    this.card = { hash: this.cardHash(uid), at: this.deps.now() };
    this.deps.onEvent({ kind: 'cardPresented' });
  }

  cardWaiting(): boolean {
    return this.card !== null && this.deps.now() - this.card.at < CARD_WAIT_MS;
  }

  /** The session, or null; one idle for too long is ended (and audited) here. */
  current(): StaffSession | null {
    const active = this.active;
    if (!active) return null;
    if (this.deps.now() - active.lastTouch >= STAFF_IDLE_MS) {
      this.end('idle');
      return null;
    }
    return { staffNumber: active.staffNumber, roles: [...active.roles], idleEndsAt: active.lastTouch + STAFF_IDLE_MS };
  }

  /** A staff command was called: the idle time starts again. */
  touch(): void {
    if (this.active) this.active.lastTouch = this.deps.now();
  }

  end(reason: EndReason): void {
    const active = this.active;
    if (!active) return;
    this.active = null;
    this.card = null;
    this.audit(`staff:${active.staffNumber}`, 'staff.signedOut', active.staffNumber, { reason });
    this.deps.log.info('staff.signedOut', { reason });
    this.deps.onEvent({ kind: 'ended', reason });
  }

  async signIn(credentials: { staffNumber: string; pin: string } | { card: true; pin: string }): Promise<SignInResult> {
    const { db, now } = this.deps;
    let staff: StaffRow | undefined;
    let how: 'card' | 'number';
    if ('card' in credentials) {
      how = 'card';
      if (!this.cardWaiting() || !this.card) return refused('noCard');
      staff = findStaffByCard(db, this.card.hash);
    } else {
      how = 'number';
      if (this.numberPausedUntil > now()) {
        this.audit('kiosk', 'staff.signInFailed', null, { how, reason: 'paused' });
        return refused('tooManyAttempts', { lockedUntil: this.numberPausedUntil });
      }
      staff = findStaffByNumber(db, credentials.staffNumber);
    }
    if (!staff || staff.disabled) {
      // As slow as a wrong PIN, and as vague: nobody learns which numbers or cards exist.
      await spendVerifyTime(credentials.pin);
      this.audit('kiosk', 'staff.signInFailed', null, { how, reason: 'unknown' });
      if (how === 'number') this.numberFailed();
      return refused('wrongCredentials');
    }
    if (staff.lockedUntil !== null && staff.lockedUntil > now()) {
      this.audit('kiosk', 'staff.signInFailed', staff.staffNumber, { how, reason: 'locked' });
      return refused('locked', { lockedUntil: staff.lockedUntil });
    }
    if (!(await verifySecret(credentials.pin, staff.pinHash, staff.pinSalt))) {
      const wrong = recordWrongPin(db, staff.staffNumber);
      if (wrong >= PIN_ATTEMPTS) {
        const until = now() + LOCK_MS;
        lockStaff(db, staff.staffNumber, until);
        this.audit('kiosk', 'staff.locked', staff.staffNumber, { how, until });
        this.deps.log.warn('staff.locked', { minutes: LOCK_MS / 60_000 });
        return refused('locked', { lockedUntil: until });
      }
      this.audit('kiosk', 'staff.signInFailed', staff.staffNumber, { how, reason: 'wrongPin', wrong });
      if (how === 'number') this.numberFailed();
      return refused('wrongCredentials', { attemptsLeft: PIN_ATTEMPTS - wrong });
    }
    clearWrongPins(db, staff.staffNumber);
    return this.start(staff.staffNumber, staff.roles, how);
  }

  /** The first admin of a new kiosk, with the one-time code `npm run staff:setup` printed. */
  async setUp(input: { setupCode: string; staffNumber: string; pin: string }): Promise<SignInResult> {
    const { db, now, dataDir } = this.deps;
    if (this.hasStaff()) return refused('staffExist');
    if (isWeakPin(input.pin, input.staffNumber)) return refused('weakPin');
    const check = await useSetupCode(dataDir, input.setupCode, now());
    if (check !== 'ok') {
      this.audit('kiosk', 'staff.setupRefused', null, { reason: check });
      return refused(check === 'missing' ? 'setupCodeMissing' : 'setupCodeWrong');
    }
    const { hash, salt } = await hashSecret(input.pin);
    insertStaff(db, { staffNumber: input.staffNumber, cardHash: null, pinHash: hash, pinSalt: salt, roles: ['admin', 'reviewer', 'restocker'], createdAt: now(), createdBy: 'setup' });
    this.audit('setup', 'staff.created', input.staffNumber, { roles: 'admin,reviewer,restocker', via: 'setupCode' });
    return this.start(input.staffNumber, ['admin', 'reviewer', 'restocker'], 'setup');
  }

  /** An admin adds a staff member; the card, if given, is stored as its keyed hash only. */
  async addStaff(
    by: string,
    input: { staffNumber: string; pin: string; roles: StaffRole[]; cardUid?: string | undefined; heldCard?: true | undefined },
  ): Promise<'added' | 'exists' | 'weakPin' | 'cardInUse' | 'noCard'> {
    const { db, now } = this.deps;
    if (findStaffByNumber(db, input.staffNumber)) return 'exists';
    if (isWeakPin(input.pin, input.staffNumber)) return 'weakPin';
    if (input.heldCard && !this.cardWaiting()) return 'noCard';
    const cardHash = input.heldCard ? this.card!.hash : input.cardUid ? this.cardHash(input.cardUid) : null;
    if (cardHash && findStaffByCard(db, cardHash)) return 'cardInUse';
    // A held card is given to one staff member only.
    if (input.heldCard) this.card = null;
    const { hash, salt } = await hashSecret(input.pin);
    insertStaff(db, { staffNumber: input.staffNumber, cardHash, pinHash: hash, pinSalt: salt, roles: input.roles, createdAt: now(), createdBy: by });
    this.audit(`staff:${by}`, 'staff.created', input.staffNumber, { roles: input.roles.join(','), card: cardHash !== null });
    return 'added';
  }

  list(): { staffNumber: string; roles: StaffRole[]; hasCard: boolean; locked: boolean; createdAt: number }[] {
    const now = this.deps.now();
    return listStaff(this.deps.db).map((s) => ({ staffNumber: s.staffNumber, roles: s.roles, hasCard: s.cardHash !== null, locked: s.lockedUntil !== null && s.lockedUntil > now, createdAt: s.createdAt }));
  }

  private start(staffNumber: string, roles: StaffRole[], how: string): SignInResult {
    this.card = null;
    this.active = { staffNumber, roles, lastTouch: this.deps.now() };
    this.audit(`staff:${staffNumber}`, 'staff.signedIn', staffNumber, { how });
    this.deps.log.info('staff.signedIn', { how });
    const session = this.current();
    if (!session) throw new Error('The staff session ended as it began.');
    this.deps.onEvent({ kind: 'signedIn', session });
    return { signedIn: true, session };
  }

  /** One more failed sign-in by number; the tenth within the window pauses them all. */
  private numberFailed(): void {
    const at = this.deps.now();
    this.numberFailures = [...this.numberFailures.filter((t) => at - t < NUMBER_FAILURE_WINDOW_MS), at];
    if (this.numberFailures.length < NUMBER_FAILURE_LIMIT) return;
    this.numberFailures = [];
    this.numberPausedUntil = at + NUMBER_PAUSE_MS;
    this.audit('kiosk', 'staff.numberSignInPaused', null, { until: this.numberPausedUntil });
    this.deps.log.warn('staff.numberSignInPaused', { minutes: NUMBER_PAUSE_MS / 60_000 });
  }

  private audit(actor: string, action: string, subject: string | null, detail: Record<string, string | number | boolean | null>): void {
    appendAudit(this.deps.db, { actor, action, subject, detail }, this.deps.now());
  }
}
