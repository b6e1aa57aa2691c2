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
export interface ServiceEntry {
  id: string;
  family: ServiceFamily;
  identity: 'idCard';
  /** Fee in fen (1/100 yuan). */
  feeFen: number;
  minutes: number;
  devices: readonly ('idCardReader' | 'receiptPrinter')[];
  questions: readonly Question[];
  /** Question ids whose answers are printed on the slip. */
  slipAnswers: readonly string[];
}
