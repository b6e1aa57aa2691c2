import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../../../shared/catalog/catalog-check';
import { catalogKeys } from '../../../../shared/catalog/catalog-keys';
import type { ServiceEntry, Step } from '../../../../shared/catalog/catalog-schema';
import type { Question } from '../../../../shared/catalog/questions';
import { catalog, findService } from '../../../../shared/catalog/services';
import { entryExitStatus } from '../../../../shared/catalog/services/entry-exit';
import { LANGS } from '../../../../shared/contract/lang';
import { resources } from '../../../../shared/i18n';

/** A service that uses most of what an entry can say, and breaks no rule. */
function fixture(): ServiceEntry {
  return {
    id: 'fixture',
    family: 'vehicles',
    bring: ['idCard'],
    minutes: 5,
    devices: ['idCardReader', 'camera', 'paymentTerminal', 'documentPrinter', 'receiptPrinter'],
    steps: [
      { kind: 'identify', id: 'identify', methods: ['idCard', 'idNumberOtp'] },
      {
        kind: 'questions',
        id: 'vehicle',
        questions: [
          { id: 'plate', kind: 'plate' },
          { id: 'copies', kind: 'choice', options: [{ id: '1' }, { id: '2' }] },
          { id: 'address', kind: 'text', maxLength: 100, prefill: 'identity.card.address', when: { question: 'copies', is: ['2'] } },
        ],
      },
      { kind: 'lookup', id: 'fines', lookup: 'fines', params: { plate: 'answers.plate', idNumber: 'identity.idNumber' } },
      {
        kind: 'eligibility',
        id: 'rules',
        rules: [
          { id: 'adult', fact: 'identity.age', op: 'gte', value: 18 },
          { id: 'finesToPay', fact: 'lookups.fines.pickableCount', op: 'gt', value: 0 },
          { id: 'samePlate', fact: 'lookups.fines.plate', op: 'ne', value: '', when: { question: 'copies', isNot: ['1'] } },
          { id: 'oneCopy', fact: 'answers.copies', op: 'in', value: ['1', '2'] },
        ],
      },
      { kind: 'questions', id: 'which', questions: [{ id: 'picked', kind: 'pick', from: 'fines', min: 1 }, { id: 'sex', kind: 'choice', options: [{ id: 'M' }, { id: 'F' }], prefill: 'identity.sex' }] },
      { kind: 'photo', id: 'photo', spec: 'residentId' },
      { kind: 'check', id: 'check' },
      { kind: 'pay', id: 'fee', amount: { picked: 'picked', from: 'fines' } },
      { kind: 'pay', id: 'copyFee', amount: { unitFen: 500, times: 'copies' } },
      { kind: 'submit', id: 'submit' },
      { kind: 'print', id: 'receipt', output: 'a4', document: 'fineReceipt' },
      { kind: 'print', id: 'slip', output: 'slip', answers: ['plate', 'copies'] },
      { kind: 'rating', id: 'rating' },
    ],
  };
}

const problemsOf = (entry: unknown) => checkCatalog([entry])[0]?.problems ?? [];

/** The fixture with one change; the change must bring exactly the problems that match. */
function broken(change: (entry: ServiceEntry, step: (id: string) => Step) => void): string[] {
  const entry = fixture();
  const step = (id: string) => {
    const found = entry.steps.find((s) => s.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  change(entry, step);
  return problemsOf(entry);
}

const questionsOf = (step: Step): Question[] => (step.kind === 'questions' ? step.questions : []);
const move = (entry: ServiceEntry, id: string, to: number) => {
  const from = entry.steps.findIndex((s) => s.id === id);
  const [step] = entry.steps.splice(from, 1);
  if (step) entry.steps.splice(to, 0, step);
};

describe('the catalog', () => {
  it('every entry passes the catalog check', () => {
    expect(checkCatalog(catalog).filter((r) => r.problems.length > 0)).toEqual([]);
  });

  it('finds each service by its id, and nothing else', () => {
    for (const entry of catalog) expect(findService(entry.id)).toBe(entry);
    expect(findService('nope')).toBeUndefined();
  });

  type Tree = { readonly [key: string]: string | Tree };
  const hasKey = (tree: Tree, key: string) => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' && node.trim() !== '';
  };

  it.each(LANGS)('%s has every text each catalog entry uses', (lang) => {
    const tree = resources[lang].translation as unknown as Tree;
    const missing = catalog.flatMap((entry) => catalogKeys(entry).filter((key) => !hasKey(tree, key)).map((key) => `${entry.id}: ${key}`));
    expect(missing).toEqual([]);
  });
});

describe('checkCatalog: the fixture', () => {
  it('has no problems, so each broken copy below shows one rule at work', () => {
    expect(checkCatalog([fixture()])).toEqual([{ id: 'fixture', problems: [] }]);
  });

  it('says where and why: the entry, the step and the rule', () => {
    const problems = broken((e) => e.steps.splice(e.steps.findIndex((s) => s.kind === 'check'), 1));
    expect(problems).toEqual([
      'fixture, step "fee" (pay): a pay step needs a check step before it, so the resident sees what they pay for.',
      'fixture, step "copyFee" (pay): a pay step needs a check step before it, so the resident sees what they pay for.',
    ]);
  });
});

describe('checkCatalog: what zod checks', () => {
  it('reports schema problems with the path, and goes no further', () => {
    expect(problemsOf({ ...fixture(), minutes: 0 })).toEqual([expect.stringMatching(/^fixture: minutes: /)]);
    expect(problemsOf({ ...fixture(), extra: true })).toEqual([expect.stringMatching(/^fixture: the entry: .*extra/i)]);
    expect(checkCatalog([null])).toEqual([{ id: 'entry 1', problems: [expect.stringMatching(/^entry 1: the entry: /)] }]);
  });
});

describe('checkCatalog: ids', () => {
  it('service ids are unique across the catalog', () => {
    const [first, second] = checkCatalog([fixture(), fixture()]);
    expect(first?.problems).toEqual([]);
    expect(second?.problems).toEqual(['fixture: the service id "fixture" is used by an earlier entry of the catalog too.']);
  });

  it('step ids are unique within an entry', () => {
    expect(broken((_e, step) => (step('which').id = 'vehicle'))).toEqual([expect.stringContaining('step "vehicle" (questions): the step id "vehicle" is used by another step')]);
  });

  it('question ids are unique within an entry, across its steps', () => {
    expect(broken((_e, step) => questionsOf(step('which')).push({ id: 'plate', kind: 'text', maxLength: 8 }))).toEqual([
      expect.stringContaining('step "which" (questions): the question id "plate" is used by another question'),
    ]);
  });

  it('option ids are unique within a question', () => {
    expect(broken((_e, step) => questionsOf(step('which')).push({ id: 'again', kind: 'choice', options: [{ id: 'a' }, { id: 'a' }] }))).toEqual([
      expect.stringContaining('question "again": two options have the same id'),
    ]);
  });

  it("a photo step's id is no question's id (the Change link names either)", () => {
    expect(broken((_e, step) => (step('photo').id = 'plate'))).toEqual([expect.stringContaining('step "plate" (photo): a question has the id "plate" too')]);
  });
});

describe('checkCatalog: the order of the steps', () => {
  it('the first step is identify', () => {
    expect(broken((e) => move(e, 'vehicle', 0))).toEqual([expect.stringContaining('step "vehicle" (questions): the first step must be identify')]);
  });

  it('there is at most one submit, and what needs one has one', () => {
    expect(broken((e) => e.steps.splice(9, 0, { kind: 'submit', id: 'again' }))).toContain('fixture: a service has at most one submit step, this one has 2.');
    const none = broken((e) => e.steps.splice(e.steps.findIndex((s) => s.kind === 'submit'), 1));
    expect(none).toContain('fixture, step "fee" (pay): a pay step must come before the submit step.');
    expect(none).toContain('fixture, step "slip" (print): a print step needs a submit step: there is nothing to print without one.');
  });

  it('a query service (nothing to submit, nothing to pay or print) is fine', () => {
    expect(checkCatalog([entryExitStatus])).toEqual([{ id: 'entryExitStatus', problems: [] }]);
  });

  it('refusals and lookups come before any money or submission', () => {
    const late = broken((e) => e.steps.splice(e.steps.findIndex((s) => s.kind === 'rating'), 0, { kind: 'eligibility', id: 'lateRule', rules: [{ id: 'adult', fact: 'identity.age', op: 'gte', value: 18 }] }));
    expect(late).toContain('fixture, step "lateRule" (eligibility): the eligibility step must come before any pay or submit step.');
  });

  it('nothing but another payment comes between paying and submitting', () => {
    const after = broken((e) => e.steps.splice(e.steps.findIndex((s) => s.kind === 'submit'), 0, { kind: 'review', id: 'lateReview', workingDays: 2 }));
    expect(after.some((p) => p.includes('only pay steps may come between a pay step and the submit step'))).toBe(true);
  });

  it('a pay comes before the submit', () => {
    expect(broken((e) => move(e, 'copyFee', 10))).toEqual(['fixture, step "copyFee" (pay): a pay step must come before the submit step.']);
  });

  it('a print comes after the submit', () => {
    expect(broken((e) => move(e, 'slip', 8))).toContain('fixture, step "slip" (print): a print step must come after the submit step.');
  });

  it('the rating comes after the submit, and last', () => {
    const problems = broken((e) => move(e, 'rating', 11));
    expect(problems).toContain('fixture, step "rating" (rating): the rating step must be the last step.');
    const early = broken((e) => move(e, 'rating', 8));
    expect(early).toContain('fixture, step "rating" (rating): a rating step must come after the submit step.');
    expect(early).toContain('fixture, step "rating" (rating): the rating step must be the last step.');
  });
});

describe('checkCatalog: what a pick question and a fee refer to', () => {
  const pick = (step: (id: string) => Step) => questionsOf(step('which'))[0] as Extract<Question, { kind: 'pick' }>;

  it("a pick question's items come from an earlier lookup step", () => {
    expect(broken((_e, step) => (pick(step).from = 'nope'))).toContain('fixture, step "which" (questions), question "picked": the items come from "nope", which is not a lookup step before this one.');
    expect(broken((e) => move(e, 'which', 1))).toContain('fixture, step "which" (questions), question "picked": the items come from "fines", which is not a lookup step before this one.');
  });

  it('...of a kind that has items to pick', () => {
    expect(
      broken((e, step) => {
        e.steps.splice(2, 0, { kind: 'lookup', id: 'licence', lookup: 'licence', params: { idNumber: 'identity.idNumber' } });
        pick(step).from = 'licence';
      }),
    ).toContain('fixture, step "which" (questions), question "picked": the items come from the licence lookup, which has nothing to pick (only fines has).');
  });

  it("a fee by count names an earlier choice question whose options are whole numbers", () => {
    const times = (value: string) => (_e: ServiceEntry, step: (id: string) => Step) => {
      const fee = step('copyFee');
      if (fee.kind === 'pay') fee.amount = { unitFen: 500, times: value };
    };
    expect(broken(times('nope'))).toEqual(['fixture, step "copyFee" (pay): the fee is counted by "nope", which is not a question before this step.']);
    expect(broken(times('plate'))).toEqual([expect.stringContaining('the fee is counted by "plate", which must be a choice question whose option ids are whole numbers from 1 up')]);
    expect(broken(times('sex'))).toEqual([expect.stringContaining('the fee is counted by "sex", which must be a choice question whose option ids are whole numbers')]);
    expect(
      broken((e, step) => {
        times('copies')(e, step);
        const copies = questionsOf(step('vehicle'))[1];
        if (copies?.kind === 'choice') copies.options.push({ id: '0' });
      }),
    ).toEqual([expect.stringContaining('the fee is counted by "copies", which must be a choice question whose option ids are whole numbers from 1 up')]);
  });

  it('a fee by items picked names an earlier pick question, and its lookup', () => {
    const amount = (picked: string, from: string) => (_e: ServiceEntry, step: (id: string) => Step) => {
      const fee = step('fee');
      if (fee.kind === 'pay') fee.amount = { picked, from };
    };
    expect(broken(amount('plate', 'fines'))).toEqual(['fixture, step "fee" (pay): the fee adds up the items picked in "plate", which is not a pick question before this step.']);
    expect(broken(amount('picked', 'vehicle'))).toEqual(['fixture, step "fee" (pay): the fee takes its items from "vehicle", but the question "picked" picks them from "fines".']);
    expect(broken((e) => move(e, 'fee', 2))).toContain('fixture, step "fee" (pay): the fee adds up the items picked in "picked", which is not a pick question before this step.');
  });
});

describe('checkCatalog: eligibility facts', () => {
  const fact = (value: string) => (_e: ServiceEntry, step: (id: string) => Step) => {
    const rules = step('rules');
    if (rules.kind === 'eligibility' && rules.rules[0]) rules.rules[0].fact = value;
  };

  it.each([
    ['identity.daysToExpiry'],
    ['identity.documentExpired'],
    ['identity.hasIdNumber'],
    ['identity.birthDate'],
    ['identity.card.ethnicity'],
    ['identity.document.validTo'],
    ['lookups.fines.items'],
    ['answers.copies'],
    ['answers.copies.choice'],
  ])('%s is a fact', (value) => {
    expect(broken(fact(value))).toEqual([]);
  });

  it.each([
    ['identity.shoeSize', 'is not a field of the identity'],
    ['identity.card.shoeSize', 'must name one of the fields of identity.card'],
    ['identity.card', 'must name one of the fields of identity.card'],
    ['identity.name.first', 'goes inside identity.name, which is a plain value'],
    ['lookups.nope.plate', 'names the lookup step "nope", which does not come before this point'],
    ['lookups.fines', 'must name a field of the fines lookup'],
    ['lookups.fines.total', 'the fines lookup has no field "total"'],
    ['answers.nope', 'names the question "nope", which is not asked before this point'],
    ['answers.picked', 'names the question "picked", which is not asked before this point'],
    ['answers.copies.colour', 'may only go on to one of choice, text, picks'],
  ])('%s is refused: %s', (value, why) => {
    expect(broken(fact(value))).toEqual([expect.stringContaining(`fixture, step "rules" (eligibility), rule "adult": the fact "${value}"`)]);
    expect(broken(fact(value))[0]).toContain(why);
  });

  it("a rule's condition names an earlier choice question and its options", () => {
    const when = (question: string, is: string[]) => (_e: ServiceEntry, step: (id: string) => Step) => {
      const rules = step('rules');
      if (rules.kind === 'eligibility' && rules.rules[2]) rules.rules[2].when = { question, is };
    };
    expect(broken(when('picked', ['1']))).toEqual([expect.stringContaining('rule "samePlate": the condition names the question "picked", which is not asked before this point')]);
    expect(broken(when('copies', ['3']))).toEqual([expect.stringContaining('rule "samePlate": the condition names the option "3", which the question "copies" does not have (it has 1, 2)')]);
  });
});

describe('checkCatalog: lookup parameters', () => {
  const params = (value: Record<string, string>) => (_e: ServiceEntry, step: (id: string) => Step) => {
    const fines = step('fines');
    if (fines.kind === 'lookup') fines.params = value;
  };

  it('every parameter of the kind is given', () => {
    expect(broken(params({ plate: 'answers.plate' }))).toEqual(['fixture, step "fines" (lookup): the fines lookup needs the parameter "idNumber".']);
  });

  it('each comes from the identity, an earlier question or an earlier lookup', () => {
    expect(broken(params({ plate: 'answers.picked', idNumber: 'identity.idNumber' }))).toEqual([
      'fixture, step "fines" (lookup): the parameter "plate": "answers.picked" names the question "picked", which is not asked before this point.',
    ]);
    expect(broken(params({ plate: 'lookups.fines.plate', idNumber: 'identity.idNumber' }))).toEqual([expect.stringContaining('"lookups.fines.plate" names the lookup step "fines", which does not come before this point')]);
    expect(broken(params({ plate: 'answers.plate', idNumber: 'identity.number' }))).toEqual([expect.stringContaining('the parameter "idNumber": "identity.number" is not a field of the identity')]);
  });

  it('a computed fact is not a parameter', () => {
    expect(broken(params({ plate: 'answers.plate', idNumber: 'identity.age' }))).toEqual([expect.stringContaining('the parameter "idNumber": "identity.age" is not a field of the identity')]);
  });
});

describe('checkCatalog: conditions, prefills and the slip', () => {
  const address = (step: (id: string) => Step) => questionsOf(step('vehicle'))[2]!;

  it("a question's condition names an earlier choice question", () => {
    expect(broken((_e, step) => (address(step).when = { question: 'plate', is: ['x'] }))).toEqual([
      'fixture, step "vehicle" (questions), question "address": the condition names the question "plate", which is not a choice question.',
    ]);
    expect(broken((_e, step) => (address(step).when = { question: 'sex', is: ['M'] }))).toEqual([expect.stringContaining('question "address": the condition names the question "sex", which is not asked before this point')]);
    expect(broken((_e, step) => (address(step).when = { question: 'address', is: ['M'] }))).toEqual([expect.stringContaining('question "address": the condition names the question "address", which is not asked before this point')]);
  });

  it('...and options it has', () => {
    expect(broken((_e, step) => (address(step).when = { question: 'copies', isNot: ['2', 'many'] }))).toEqual([expect.stringContaining('the condition names the option "many", which the question "copies" does not have')]);
  });

  it('a prefill is a path the session has by then', () => {
    expect(broken((_e, step) => (address(step).prefill = 'identity.card.street'))).toEqual([expect.stringContaining('question "address": the prefill "identity.card.street" must name one of the fields of identity.card')]);
    expect(broken((_e, step) => (address(step).prefill = 'lookups.fines.plate'))).toEqual([expect.stringContaining('question "address": the prefill "lookups.fines.plate" names the lookup step "fines", which does not come before this point')]);
    expect(broken((_e, step) => (address(step).prefill = 'answers.copies'))).toEqual([]);
    expect(broken((_e, step) => (address(step).prefill = 'identity.age'))).toEqual([expect.stringContaining('the prefill "identity.age" is not a field of the identity')]);
  });

  it("a slip's answers are questions of the entry", () => {
    expect(
      broken((_e, step) => {
        const slip = step('slip');
        if (slip.kind === 'print' && slip.output === 'slip') slip.answers = ['plate', 'colour'];
      }),
    ).toEqual(['fixture, step "slip" (print): the slip prints the answer "colour", but no question of this service has that id.']);
  });
});

describe('checkCatalog: devices', () => {
  it('lists every device the steps need', () => {
    expect(broken((e) => (e.devices = e.devices.filter((d) => d !== 'documentPrinter')))).toEqual([expect.stringContaining('fixture: the steps need the device documentPrinter, which "devices" does not list')]);
    expect(broken((e) => (e.devices = e.devices.filter((d) => d !== 'camera')))).toEqual([expect.stringContaining('the steps need the device camera')]);
  });

  it('and no device no step uses', () => {
    expect(broken((e) => e.devices.push('permitPrinter'))).toEqual([expect.stringContaining('fixture: "devices" lists permitPrinter, which no step uses')]);
  });

  it.each([
    [{ kind: 'identify', id: 'identify', methods: ['passport'] }, 'documentReader'],
    [{ kind: 'identify', id: 'identify', methods: ['hkMacaoPermit', 'taiwanPermit'] }, 'documentReader'],
    [{ kind: 'print', id: 'endorsement', output: 'permitEndorsement' }, 'permitPrinter'],
    [{ kind: 'print', id: 'certificate', output: 'a4', document: 'householdCertificate' }, 'documentPrinter'],
    [{ kind: 'photo', id: 'portrait', spec: 'entryExit' }, 'camera'],
  ] as [Step, string][])('%j needs %s', (step, device) => {
    const entry: ServiceEntry = {
      id: 'devices',
      family: 'entryExit',
      bring: ['idCard'],
      minutes: 2,
      devices: ['receiptPrinter'],
      steps: [step.kind === 'identify' ? step : { kind: 'identify', id: 'identify', methods: ['idNumberOtp'] }, { kind: 'check', id: 'check' }, { kind: 'submit', id: 'submit' }, ...(step.kind === 'identify' ? [] : [step]), { kind: 'print', id: 'slip', output: 'slip', answers: [] }],
    };
    expect(problemsOf(entry)).toEqual([expect.stringContaining(`the steps need the device ${device}`)]);
    expect(problemsOf({ ...entry, devices: ['receiptPrinter', device] })).toEqual([]);
  });
});
