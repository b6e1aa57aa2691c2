/** The catalog's types, for modules that need them without the schemas. */
export type { AnswerValue, IdentityCard, Question, QuestionKind } from './questions';
export type { ServiceDevice, ServiceEntry, ServiceFamily, Step, StepKind, StepOf } from './catalog-schema';
