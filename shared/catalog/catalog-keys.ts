/**
 * The i18n keys a catalog entry uses, built the same way the screens build them. The catalog
 * test checks that every one exists in every locale, so adding a service is its entry plus
 * these keys, and a missing translation fails a test instead of showing a key on screen.
 */
import type { ServiceEntry, Step } from './catalog-schema';
import type { Question } from './questions';

/** The keys of one question: label, hint, and its options or its "other" field. */
export function questionKeys(question: Question): string[] {
  const base = `questions.${question.id}`;
  const keys = [`${base}.label`, `${base}.hint`];
  if (question.kind === 'choice') {
    for (const option of question.options) keys.push(`${base}.options.${option.id}`);
    if (question.options.some((o) => o.withText)) keys.push(`${base}.otherLabel`);
  }
  return keys;
}

function stepKeys(step: Step): string[] {
  switch (step.kind) {
    case 'identify':
      return step.methods.flatMap((m) => [`identify.method.${m}`, `identify.present.${m}`]);
    case 'eligibility':
      return step.rules.flatMap((r) => [`eligibility.${r.id}.reason`, `eligibility.${r.id}.instead`]);
    case 'lookup':
      return [`lookups.${step.lookup}.checking`, `lookups.${step.lookup}.name`];
    case 'questions':
      return step.questions.flatMap(questionKeys);
    case 'photo':
      return [`photo.spec.${step.spec}`];
    case 'print':
      if (step.output === 'a4') return [`documents.${step.document}.title`];
      if (step.output === 'slip') return (step.bring ?? []).map((b) => `bring.${b}`);
      return [];
    case 'faceVerify':
    case 'check':
    case 'pay':
    case 'review':
    case 'submit':
    case 'rating':
      return [];
  }
}

/** Every key the entry's screens use: its title and start page, what to bring, and each step's own. */
export function catalogKeys(entry: ServiceEntry): string[] {
  const keys = [`services.${entry.id}.title`, `services.${entry.id}.summary`, `start.${entry.id}.details`, ...entry.bring.map((b) => `bring.${b}`)];
  for (const step of entry.steps) keys.push(...stepKeys(step));
  return [...new Set(keys)];
}
