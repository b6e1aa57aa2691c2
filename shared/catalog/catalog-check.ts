/**
 * Checks a catalog for what its zod schema cannot see: ids that must be unique, the order of
 * the steps, and every reference from one part of an entry to another (a condition's question,
 * a pick's lookup, a fee's count, a rule's fact, a lookup's parameters, the devices the steps
 * need). The catalog test runs it over every entry, so a new service that would break the
 * flow fails a test with a sentence saying where and why.
 */
import type { Identity } from '../flows/session';
import { IDENTITY_FACTS } from '../steps/eligibility/eligibility.step';
import { LOOKUP_PARAMS, lookupDataSchemas, type LookupKind } from '../steps/lookup/lookup-kinds';
import { serviceEntrySchema, type ServiceDevice, type ServiceEntry, type Step, type StepOf } from './catalog-schema';
import { identityCardSchema, type Condition, type Question } from './questions';

/** The problems found in one entry of the catalog; none when it is fine. */
export interface EntryProblems {
  /** The entry's id, or `entry <n>` when it has none. */
  id: string;
  problems: string[];
}

/** Lookup kinds whose data has items a resident can pick (what pickItems in lookup-kinds returns items for). */
export const PICKABLE_LOOKUPS: readonly LookupKind[] = ['fines'];

const DOCUMENT_FIELDS: readonly (keyof Identity['document'])[] = ['type', 'number', 'validTo'];
// Every field of an identity a path may name; null for a plain value, a list for an object's fields.
const IDENTITY_FIELDS: Record<keyof Identity, readonly string[] | null> = {
  method: null,
  name: null,
  idNumber: null,
  sex: null,
  birthDate: null,
  document: DOCUMENT_FIELDS,
  card: Object.keys(identityCardSchema.shape),
  phoneMasked: null,
};
const ANSWER_PARTS = ['choice', 'text', 'picks'];

const DOCUMENT_METHODS: readonly string[] = ['hkMacaoPermit', 'taiwanPermit', 'passport'];

/** The devices a step cannot work without. */
function devicesOf(step: Step): ServiceDevice[] {
  switch (step.kind) {
    case 'identify':
      return [...(step.methods.includes('idCard') ? (['idCardReader'] as const) : []), ...(step.methods.some((m) => DOCUMENT_METHODS.includes(m)) ? (['documentReader'] as const) : [])];
    case 'photo':
    case 'faceVerify':
      return ['camera'];
    case 'pay':
      return ['paymentTerminal'];
    case 'print':
      return [step.output === 'slip' ? 'receiptPrinter' : step.output === 'a4' ? 'documentPrinter' : 'permitPrinter'];
    case 'eligibility':
    case 'lookup':
    case 'questions':
    case 'check':
    case 'review':
    case 'submit':
    case 'rating':
      return [];
  }
}

/** What the steps before a point of the entry have given the session: its questions and its lookups. */
interface Earlier {
  questions: Map<string, Question>;
  lookups: Map<string, LookupKind>;
}

function earlierThan(entry: ServiceEntry, index: number): Earlier {
  const earlier: Earlier = { questions: new Map(), lookups: new Map() };
  for (const step of entry.steps.slice(0, index)) {
    if (step.kind === 'questions') for (const q of step.questions) earlier.questions.set(q.id, q);
    if (step.kind === 'lookup') earlier.lookups.set(step.id, step.lookup);
  }
  return earlier;
}

/**
 * Why a session path cannot give a value at this point of the entry, or null when it can.
 * `facts` also allows the identity facts the eligibility rules compute.
 */
function pathProblem(path: string, earlier: Earlier, facts: boolean): string | null {
  const [root, first = '', ...rest] = path.split('.');
  if (root === 'identity') {
    if (facts && (IDENTITY_FACTS as readonly string[]).includes(path)) return null;
    if (!(first in IDENTITY_FIELDS)) return `"${path}" is not a field of the identity${facts ? ` (nor one of the facts ${IDENTITY_FACTS.join(', ')})` : ''}`;
    const fields = IDENTITY_FIELDS[first as keyof Identity];
    if (fields === null) return rest.length === 0 ? null : `"${path}" goes inside identity.${first}, which is a plain value`;
    if (rest.length !== 1 || !fields.includes(rest[0] ?? '')) return `"${path}" must name one of the fields of identity.${first}: ${fields.join(', ')}`;
    return null;
  }
  if (root === 'answers') {
    if (!earlier.questions.has(first)) return `"${path}" names the question "${first}", which is not asked before this point`;
    if (rest.length > 1 || (rest.length === 1 && !ANSWER_PARTS.includes(rest[0] ?? ''))) return `"${path}" may only go on to one of ${ANSWER_PARTS.join(', ')}`;
    return null;
  }
  if (root === 'lookups') {
    const kind = earlier.lookups.get(first);
    if (!kind) return `"${path}" names the lookup step "${first}", which does not come before this point`;
    const field = rest[0];
    // A fact the rules compute: how many items of the lookup the resident could pick.
    if (facts && field === 'pickableCount' && rest.length === 1) return PICKABLE_LOOKUPS.includes(kind) ? null : `"${path}": the ${kind} lookup has nothing to pick, so no pickableCount`;
    if (field === undefined) return `"${path}" must name a field of the ${kind} lookup: ${Object.keys(lookupDataSchemas[kind].shape).join(', ')}`;
    if (!(field in lookupDataSchemas[kind].shape)) return `"${path}": the ${kind} lookup has no field "${field}" (it has ${Object.keys(lookupDataSchemas[kind].shape).join(', ')})`;
    return null;
  }
  return `"${path}" must start with identity, answers or lookups`;
}

/** The checks that read one entry; `say` records a problem. */
class EntryChecker {
  readonly problems: string[] = [];

  constructor(private readonly entry: ServiceEntry) {}

  private say(where: string | null, problem: string): void {
    this.problems.push(`${this.entry.id}${where ? `, ${where}` : ''}: ${problem}.`);
  }

  private at(step: Step): string {
    return `step "${step.id}" (${step.kind})`;
  }

  run(): string[] {
    this.ids();
    this.order();
    this.entry.steps.forEach((step, i) => this.step(step, i));
    this.devices();
    return this.problems;
  }

  private ids(): void {
    const steps = new Set<string>();
    const questions = new Set<string>();
    for (const step of this.entry.steps) {
      if (steps.has(step.id)) this.say(this.at(step), `the step id "${step.id}" is used by another step of this service too`);
      steps.add(step.id);
      if (step.kind !== 'questions') continue;
      for (const q of step.questions) {
        if (questions.has(q.id)) this.say(this.at(step), `the question id "${q.id}" is used by another question of this service too`);
        questions.add(q.id);
        if (q.kind === 'choice' && new Set(q.options.map((o) => o.id)).size !== q.options.length) this.say(`${this.at(step)}, question "${q.id}"`, 'two options have the same id');
      }
    }
    // A Change link names an answer's question or a photo step: the two must not be confused.
    for (const step of this.entry.steps) {
      if (step.kind === 'photo' && questions.has(step.id)) this.say(this.at(step), `a question has the id "${step.id}" too, so its Change link would be ambiguous`);
    }
  }

  private order(): void {
    const steps = this.entry.steps;
    const first = steps[0];
    if (first && first.kind !== 'identify') this.say(this.at(first), 'the first step must be identify (every service knows who it serves)');
    // A query (status, endorsements left) submits nothing; anything else submits once.
    const submits = steps.flatMap((s, i) => (s.kind === 'submit' ? [i] : []));
    if (submits.length > 1) this.say(null, `a service has at most one submit step, this one has ${submits.length}`);
    const submit = submits[0] ?? -1;
    steps.forEach((step, i) => {
      if (step.kind === 'pay') {
        if (!steps.slice(0, i).some((s) => s.kind === 'check')) this.say(this.at(step), 'a pay step needs a check step before it, so the resident sees what they pay for');
        if (submit === -1 || i > submit) this.say(this.at(step), 'a pay step must come before the submit step');
        // Nothing the resident can change may sit between paying and submitting: paid money stays
        // with exactly the answers it paid for.
        else if (steps.slice(i + 1, submit).some((s) => s.kind !== 'pay')) this.say(this.at(step), 'only pay steps may come between a pay step and the submit step');
      }
      // A refusal or a failed lookup tells the resident nothing was paid or submitted: so it is.
      if ((step.kind === 'eligibility' || step.kind === 'lookup') && steps.slice(0, i).some((s) => s.kind === 'pay' || s.kind === 'submit')) {
        this.say(this.at(step), `the ${step.kind} step must come before any pay or submit step`);
      }
      if ((step.kind === 'print' || step.kind === 'check') && submit === -1) this.say(this.at(step), `a ${step.kind} step needs a submit step: there is nothing to ${step.kind === 'print' ? 'print' : 'check'} without one`);
      if ((step.kind === 'print' || step.kind === 'rating') && submit >= 0 && i < submit) this.say(this.at(step), `a ${step.kind} step must come after the submit step`);
      // The face is compared with the document just read: right after identify, before anything is asked or paid.
      if (step.kind === 'faceVerify' && steps[i - 1]?.kind !== 'identify') this.say(this.at(step), 'a faceVerify step must come right after the identify step');
      if (step.kind === 'rating' && i !== steps.length - 1) this.say(this.at(step), 'the rating step must be the last step');
    });
  }

  private step(step: Step, index: number): void {
    const earlier = earlierThan(this.entry, index);
    switch (step.kind) {
      case 'questions':
        return this.questions(step, earlier);
      case 'pay':
        return this.pay(step, earlier);
      case 'eligibility':
        for (const rule of step.rules) {
          const where = `${this.at(step)}, rule "${rule.id}"`;
          const problem = pathProblem(rule.fact, earlier, true);
          if (problem) this.say(where, `the fact ${problem}`);
          if (rule.when) this.condition(where, rule.when, earlier);
        }
        return;
      case 'lookup': {
        for (const name of LOOKUP_PARAMS[step.lookup]) if (!(name in step.params)) this.say(this.at(step), `the ${step.lookup} lookup needs the parameter "${name}"`);
        for (const [name, path] of Object.entries(step.params)) {
          const problem = pathProblem(path, earlier, false);
          if (problem) this.say(this.at(step), `the parameter "${name}": ${problem}`);
        }
        return;
      }
      case 'print': {
        if (step.output !== 'slip') return;
        const asked = new Set(this.entry.steps.flatMap((s) => (s.kind === 'questions' ? s.questions.map((q) => q.id) : [])));
        for (const id of step.answers) if (!asked.has(id)) this.say(this.at(step), `the slip prints the answer "${id}", but no question of this service has that id`);
        return;
      }
      case 'identify':
      case 'faceVerify':
      case 'photo':
      case 'check':
      case 'review':
      case 'submit':
      case 'rating':
        return;
    }
  }

  private questions(step: StepOf<'questions'>, earlier: Earlier): void {
    for (const q of step.questions) {
      const where = `${this.at(step)}, question "${q.id}"`;
      if (q.prefill) {
        const problem = pathProblem(q.prefill, earlier, false);
        if (problem) this.say(where, `the prefill ${problem}`);
      }
      if (q.when) this.condition(where, q.when, earlier);
      if (q.kind === 'pick') {
        const kind = earlier.lookups.get(q.from);
        if (!kind) this.say(where, `the items come from "${q.from}", which is not a lookup step before this one`);
        else if (!PICKABLE_LOOKUPS.includes(kind)) this.say(where, `the items come from the ${kind} lookup, which has nothing to pick (only ${PICKABLE_LOOKUPS.join(', ')} has)`);
      }
      // Questions later in the same step may depend on this one.
      earlier.questions.set(q.id, q);
    }
  }

  /** A `when`: an earlier choice question, and options it has. */
  private condition(where: string, when: Condition, earlier: Earlier): void {
    const on = earlier.questions.get(when.question);
    if (!on) return this.say(where, `the condition names the question "${when.question}", which is not asked before this point`);
    if (on.kind !== 'choice') return this.say(where, `the condition names the question "${when.question}", which is not a choice question`);
    const options = on.options.map((o) => o.id);
    for (const id of [...(when.is ?? []), ...(when.isNot ?? [])]) {
      if (!options.includes(id)) this.say(where, `the condition names the option "${id}", which the question "${on.id}" does not have (it has ${options.join(', ')})`);
    }
  }

  private pay(step: StepOf<'pay'>, earlier: Earlier): void {
    const amount = step.amount;
    if ('times' in amount) {
      const q = earlier.questions.get(amount.times);
      if (!q) this.say(this.at(step), `the fee is counted by "${amount.times}", which is not a question before this step`);
      else if (q.kind !== 'choice' || !q.options.every((o) => /^[1-9]\d*$/.test(o.id))) this.say(this.at(step), `the fee is counted by "${amount.times}", which must be a choice question whose option ids are whole numbers from 1 up`);
    }
    if ('picked' in amount) {
      const q = earlier.questions.get(amount.picked);
      if (!q || q.kind !== 'pick') this.say(this.at(step), `the fee adds up the items picked in "${amount.picked}", which is not a pick question before this step`);
      else if (q.from !== amount.from) this.say(this.at(step), `the fee takes its items from "${amount.from}", but the question "${q.id}" picks them from "${q.from}"`);
    }
  }

  private devices(): void {
    const needed = new Set(this.entry.steps.flatMap(devicesOf));
    const listed = new Set(this.entry.devices);
    for (const device of needed) if (!listed.has(device)) this.say(null, `the steps need the device ${device}, which "devices" does not list (the service would be offered while it is down)`);
    for (const device of listed) if (!needed.has(device)) this.say(null, `"devices" lists ${device}, which no step uses (the service would be withdrawn whenever it is down)`);
  }
}

/**
 * Checks every entry of a catalog: its schema first, then the rules the schema cannot express.
 * One row per entry, in order; an entry with no problems has an empty list.
 */
export function checkCatalog(entries: readonly unknown[]): EntryProblems[] {
  const seen = new Set<string>();
  return entries.map((raw, i) => {
    const parsed = serviceEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' ? rawId : `entry ${i + 1}`;
      return { id, problems: parsed.error.issues.map((issue) => `${id}: ${issue.path.length ? issue.path.join('.') : 'the entry'}: ${issue.message}.`) };
    }
    const entry = parsed.data;
    const problems = new EntryChecker(entry).run();
    if (seen.has(entry.id)) problems.unshift(`${entry.id}: the service id "${entry.id}" is used by an earlier entry of the catalog too.`);
    seen.add(entry.id);
    return { id: entry.id, problems };
  });
}
