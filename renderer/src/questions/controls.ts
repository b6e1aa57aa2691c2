import { ChoiceControl } from './ChoiceControl';
import type { ControlTable } from './control-props';
import { CountryControl } from './CountryControl';
import { DateControl } from './DateControl';
import { DigitsControl, PhoneControl } from './NumberControl';
import { PickControl } from './PickControl';
import { PlateControl } from './PlateControl';
import { TextControl } from './TextControl';

/** The control of each question kind. */
export const CONTROLS: ControlTable = {
  choice: ChoiceControl,
  text: TextControl,
  digits: DigitsControl,
  phone: PhoneControl,
  date: DateControl,
  plate: PlateControl,
  country: CountryControl,
  pick: PickControl,
};
