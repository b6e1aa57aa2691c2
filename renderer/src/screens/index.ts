import { Check } from './Check';
import { Confirmation } from './Confirmation';
import { FaceVerify } from './FaceVerify';
import { Identify } from './Identify';
import { Lookup, LookupResult } from './Lookup';
import { SubmitFailed, Submitting } from './Outcome';
import { Payment, PaymentFailed } from './Payment';
import { Photo } from './Photo';
import { LookupShown } from './LookupShown';
import { LookingUp, LookupFailed } from './PlatformLookup';
import { Printing } from './Printing';
import { Question } from './Question';
import { Rating } from './Rating';
import { Refused } from './Refused';
import { ReviewNotice } from './ReviewNotice';
import type { ScreenTable } from './screen-props';
import { Start } from './Start';
import { Unavailable } from './Unavailable';
import { Welcome } from './Welcome';

/** The component of every screen the host can ask for, by `screen.name`. */
export const SCREENS: ScreenTable = {
  welcome: Welcome,
  start: Start,
  unavailable: Unavailable,
  identify: Identify,
  faceVerify: FaceVerify,
  refused: Refused,
  lookingUp: LookingUp,
  lookupFailed: LookupFailed,
  lookupShown: LookupShown,
  question: Question,
  photo: Photo,
  check: Check,
  payment: Payment,
  paymentFailed: PaymentFailed,
  reviewNotice: ReviewNotice,
  submitting: Submitting,
  submitFailed: SubmitFailed,
  confirmation: Confirmation,
  printing: Printing,
  rating: Rating,
  lookup: Lookup,
  lookupResult: LookupResult,
};
