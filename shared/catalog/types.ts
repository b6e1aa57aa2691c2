/** What the ID card reader delivers, already decoded. Personal data: never log it. */
export interface IdentityCard {
  name: string;
  sex: 'M' | 'F';
  /** GB 3304 ethnicity code, two digits. */
  ethnicity: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  /** `YYYY-MM-DD`, or `permanent` for cards marked 长期. */
  validTo: string;
}

/** The value a resident gives for one question. */
export interface AnswerValue {
  choice?: string;
  text?: string;
}

export type ServiceFamily = 'household' | 'entryExit' | 'vehicles';

interface QuestionBase {
  id: string;
  /** Card field that answers this question before the resident does. */
  prefillFrom?: keyof IdentityCard;
}

export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: { id: string; withText?: boolean }[];
}

export interface TextQuestion extends QuestionBase {
  kind: 'text';
  maxLength: number;
}

export interface PhoneQuestion extends QuestionBase {
  kind: 'phone';
}

export type Question = ChoiceQuestion | TextQuestion | PhoneQuestion;

/** A service as data: one generic flow runs any entry. */
/** The devices a service needs; the welcome screen offers it only while they are ready. */
export type ServiceDevice = 'idCardReader' | 'receiptPrinter' | 'camera' | 'paymentTerminal';

export interface ServiceEntry {
  id: string;
  family: ServiceFamily;
  identity: 'idCard';
  /** Renewal services take the very card that has run out. */
  acceptsExpiredCard?: boolean;
  /** Fee in fen (1/100 yuan); above 0 the resident pays by QR code before submitting. */
  feeFen: number;
  minutes: number;
  devices: readonly ServiceDevice[];
  /** A photo taken to this specification after the questions. */
  photo?: 'residentId' | 'entryExit';
  questions: readonly Question[];
  /** Question ids whose answers are printed on the slip. */
  slipAnswers: readonly string[];
}
