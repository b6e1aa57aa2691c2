/**
 * The i18n keys the renderer builds from template strings, such as t(`printing.${output}.${phase}`),
 * exist in every locale for every value their variables can take. The compiler cannot see into a
 * template key, and a missing one puts a raw key on a resident's screen. So each template is listed
 * in TEMPLATES with the real sources of its values (the catalog, the views' enums, the renderer's
 * own lists), and a scan of renderer/src fails when a template key appears that the table misses.
 */
import { FACE_CHECKS, FACE_MISSES } from '../../../shared/steps/face/face.step';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OWN_SENTENCE_PROBLEMS } from '../../../renderer/src/components/CameraCapture';
import { PAPER } from '../../../renderer/src/components/SimPanel';
import { OWN_NAMES } from '../../../renderer/src/questions/country-names';
import { PARTS } from '../../../renderer/src/questions/DateControl';
import { PLATE_PROVINCES } from '../../../renderer/src/questions/PlateControl';
import { KNOWN_DETAILS } from '../../../renderer/src/staff/device-text';
import { LEVELS } from '../../../renderer/src/screens/Rating';
import { SERVICE_DEVICES, SERVICE_FAMILIES } from '../../../shared/catalog/catalog-schema';
import { catalog } from '../../../shared/catalog/services';
import { ANSWER_ERROR_CODES } from '../../../shared/catalog/validate';
import { CALL_STATES, commands, DIAGNOSTICS_FAILURES, deviceStatusSchema, devicesSchema, SIGN_IN_REFUSALS, STAFF_ROLES, SUPPLIES, supplySchema, DECISIONS, PAYMENT_STATES, REJECT_REASONS, REVIEW_BRING_ITEMS, SUBMISSION_AUDIT_ACTIONS } from '../../../shared/contract';
import { simIntercomActionSchema } from '../../../shared/contract/help';
import { LANGS, type Lang } from '../../../shared/contract/lang';
import { REFERENCE_ERROR_CODES } from '../../../shared/domain/reference';
import { checkSubmissionViewSchemas, submissionStatusSchema } from '../../../shared/flows/check-submission.view';
import { IDENTITY_METHODS } from '../../../shared/flows/session';
import { resources } from '../../../shared/i18n';
import { checkViewSchema } from '../../../shared/steps/check/check.step';
import { IDENTIFY_ERRORS } from '../../../shared/steps/identify/identify.step';
import { LOOKUP_FAILURES, LOOKUP_KINDS, lookupDataSchemas } from '../../../shared/steps/lookup/lookup-kinds';
import { PAYMENT_FAILURES } from '../../../shared/steps/pay/pay.step';
import { PHOTO_KINDS } from '../../../shared/steps/photo/photo.step';
import { DOCUMENT_KINDS, PRINT_STATUSES, printViewSchemas } from '../../../shared/steps/print/print.step';
import { RATING_REASONS } from '../../../shared/steps/rating/rating.step';

type Tree = { readonly [key: string]: string | Tree };
type Value = string | number;

const ROOT = path.resolve(__dirname, '../../..');
const RENDERER = path.join(ROOT, 'renderer/src');
const trees = Object.fromEntries(LANGS.map((lang) => [lang, resources[lang].translation as unknown as Tree])) as Record<Lang, Tree>;

/** The pattern with each `${}` replaced, in order, by the given values. */
function fill(pattern: string, ...values: Value[]): string {
  let i = 0;
  return pattern.replace(/\$\{\}/g, () => String(values[i++]));
}

/** Every combination of the lists, one value from each, in the pattern. */
function product(pattern: string, ...lists: readonly (readonly Value[])[]): string[] {
  const combos = lists.reduce<Value[][]>((acc, list) => acc.flatMap((combo) => list.map((v) => [...combo, v])), [[]]);
  return combos.map((combo) => fill(pattern, ...combo));
}

function at(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
}

/**
 * Codes the platform defines (offences, refusals, relations…): the kiosk cannot list them, so the
 * screen falls back to a general word or the code. The ones the kiosk has text for are English's.
 */
function known(prefix: string): string[] {
  const subtree = at(trees.en, prefix);
  if (typeof subtree !== 'object') throw new Error(`en has no texts under ${prefix}`);
  return Object.keys(subtree);
}

/** True when the key has a non-empty text in this language, or one for each of its plural forms. */
function resolves(lang: Lang, key: string): boolean {
  const text = (k: string) => {
    const value = at(trees[lang], k);
    return typeof value === 'string' && value.trim() !== '';
  };
  if (text(key)) return true;
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  return forms.every((form) => text(`${key}_${form}`));
}

// ---- The values, from where they are defined --------------------------------------------

const steps = catalog.flatMap((s) => s.steps);
const questions = steps.flatMap((s) => (s.kind === 'questions' ? s.questions : []));
const choices = questions.flatMap((q) => (q.kind === 'choice' ? [q] : []));
const serviceIds = catalog.map((s) => s.id);
// Start lists the entry's `bring`; the confirmation lists the slip step's.
const bring = [...new Set([...catalog.flatMap((s) => s.bring), ...steps.flatMap((s) => (s.kind === 'print' && s.output === 'slip' ? (s.bring ?? []) : []))])];
const ruleIds = steps.flatMap((s) => (s.kind === 'eligibility' ? s.rules.map((r) => r.id) : []));

const [confirmationView, printingView] = printViewSchemas;
const others = confirmationView.shape.others.element.shape;
const [, lookupResultView] = checkSubmissionViewSchemas;
const [foundStatus] = submissionStatusSchema.options;
const printOutputs = printingView.shape.output.options;
// Printing.tsx: the endorsement printer waiting for the permit is the phase `insert`, besides the print statuses.
const printPhases = (output: string): readonly string[] => (output === 'permitEndorsement' ? [...PRINT_STATUSES, 'insert'] : PRINT_STATUSES);

/** The first argument of each call to `name(…)` that is a string, in one renderer file. */
function stringArgsOf(name: string, file: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) out.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(path.join(RENDERER, file)));
  return [...new Set(out)];
}

// LookupShown.tsx: code(prefix, c) says a platform code in words, with `${prefix}.${c}`.
const CODE_PREFIXES = stringArgsOf('code', 'screens/LookupShown.tsx');

/**
 * Each template key of the renderer, normalised (every `${…}` written `${}`, and a template held
 * in a variable written out), and the keys it can make.
 */
const TEMPLATES: Record<string, (pattern: string) => string[]> = {
  // components
  'camera.problem.${}': (p) => product(p, [...OWN_SENTENCE_PROBLEMS, 'technical']), // any other problem is 'technical'
  'lang.${}': (p) => product(p, LANGS),
  'sim.paperState.${}': (p) => product(p, PAPER),
  'sim.intercomAction.${}': (p) => product(p, simIntercomActionSchema.options),
  'help.call.${}': (p) => product(p, CALL_STATES),
  // staff mode
  'staff.door.refusal.${}': (p) => product(p, SIGN_IN_REFUSALS),
  'staff.role.${}': (p) => product(p, STAFF_ROLES),
  'staff.device.${}': (p) => product(p, Object.keys(devicesSchema.shape)),
  'staff.state.${}': (p) => product(p, deviceStatusSchema.shape.device.options),
  'staff.detail.${}': (p) => product(p, KNOWN_DETAILS), // any other code is shown with staff.detail.other
  'staff.platform.${}': (p) => product(p, commands['staff:sync'].response.shape.platform.options),
  'staff.supply.${}': (p) => product(p, SUPPLIES),
  'staff.review.decision.${}': (p) => product(p, DECISIONS),
  'staff.review.paymentState.${}': (p) => product(p, PAYMENT_STATES),
  'staff.review.auditAction.${}': (p) => product(p, SUBMISSION_AUDIT_ACTIONS.map((a) => a.replace('.', '_'))), // any other code is shown with auditAction.other
  'staff.review.actor.${}': (p) => product(p, ['kiosk', 'sync', 'setup']),
  'staff.health.result.${}': (p) => product(p, commands['staff:testPrint'].response.shape.result.options),
  'staff.health.cardResult.${}': (p) => product(p, commands['staff:cardTest'].response.shape.result.options),
  'staff.diagnostics.failure.${}': (p) => product(p, DIAGNOSTICS_FAILURES),
  'staff.money.${}': (p) => product(p, [...commands['staff:refund'].response.shape.result.options, ...commands['staff:reprint'].response.shape.result.options.filter((r) => r !== 'failed')]), // a reprint's failed is staff.money.printFailed
  'staff.unit.${}': (p) => product(p, supplySchema.shape.unit.options),
  'staff.supplyState.${}': (p) => product(p, supplySchema.shape.state.options),
  'staff.help.call.${}': (p) => product(p, CALL_STATES),
  'staff.help.screen.${}': (p) => product(p, known('staff.help.screen')), // a screen without a text is shown by its code
  // questions
  'country.names.${}': (p) => product(p, [...OWN_NAMES]),
  'date.${}': (p) => product(p, PARTS),
  'errors.${}': (p) => product(p, ANSWER_ERROR_CODES),
  'offences.${}': (p) => product(p, [...new Set(['other', ...known('offences')])]), // 'other' is the fallback
  'plate.province.${}': (p) => product(p, PLATE_PROVINCES.map(([, id]) => id)),
  'questions.${}.label': (p) => product(p, questions.map((q) => q.id)),
  'questions.${}.hint': (p) => product(p, questions.map((q) => q.id)),
  'questions.${}.options.${}': (p) => choices.flatMap((q) => q.options.map((o) => fill(p, q.id, o.id))),
  'questions.${}.otherLabel': (p) => product(p, choices.filter((q) => q.options.some((o) => o.withText)).map((q) => q.id)),
  // services and their steps
  'family.${}': (p) => product(p, SERVICE_FAMILIES),
  'services.${}.title': (p) => product(p, serviceIds),
  'services.${}.summary': (p) => product(p, serviceIds),
  'start.${}.details': (p) => product(p, serviceIds),
  'bring.${}': (p) => product(p, [...new Set([...bring, ...REVIEW_BRING_ITEMS])]), // a service's, or what a reviewer asks for
  'lookup.review.${}': (p) => product(p, DECISIONS),
  'lookup.review.reason.${}': (p) => product(p, REJECT_REASONS),
  'welcome.reason.${}': (p) => product(p, SERVICE_DEVICES),
  'identify.method.${}': (p) => product(p, IDENTITY_METHODS),
  'identify.present.${}': (p) => product(p, IDENTITY_METHODS),
  'identifyFailed.${}': (p) => product(p, IDENTIFY_ERRORS),
  'eligibility.${}.reason': (p) => product(p, ruleIds),
  'eligibility.${}.instead': (p) => product(p, ruleIds),
  'lookups.${}.checking': (p) => product(p, LOOKUP_KINDS),
  'lookups.${}.name': (p) => product(p, LOOKUP_KINDS),
  'lookupFailed.${}': (p) => product(p, LOOKUP_FAILURES),
  'lookupShown.endorsements.types.${}': (p) => product(p, lookupDataSchemas.endorsements.shape.allowed.element.options),
  'lookupShown.licence.statuses.${}': (p) => product(p, lookupDataSchemas.licence.shape.status.options),
  'lookupShown.applications.states.${}': (p) => product(p, lookupDataSchemas.applications.shape.items.element.shape.state.options),
  '${}.${}': (p) => CODE_PREFIXES.flatMap((prefix) => known(prefix).map((c) => fill(p, prefix, c))),
  'photo.spec.${}': (p) => product(p, PHOTO_KINDS),
  // The face screen: the two photos compared with, the misses that cost a try, the problems that do not.
  'face.source.${}': (p) => product(p, ['card', 'platform']),
  'face.miss.${}': (p) => product(p, FACE_MISSES),
  'face.problem.${}': (p) => product(p, ['noFace', 'severalFaces', 'unavailable']),
  'staff.review.faceCheckResult.${}': (p) => product(p, FACE_CHECKS),
  'check.from.${}': (p) => product(p, checkViewSchema.shape.applicant.unwrap().shape.method.options),
  'paymentFailed.${}': (p) => product(p, PAYMENT_FAILURES),
  'documents.${}.title': (p) => product(p, DOCUMENT_KINDS),
  'printing.${}.${}': (p) => printOutputs.flatMap((o) => product(p, [o], printPhases(o))),
  'printing.${}.${}Body': (p) => printOutputs.flatMap((o) => product(p, [o], printPhases(o))),
  'confirmation.others.${}.${}': (p) => product(p, others.output.options, others.status.options),
  'rating.level.${}': (p) => product(p, LEVELS),
  'rating.reason.${}': (p) => product(p, RATING_REASONS),
  // check a submission
  'lookup.errors.${}': (p) => product(p, REFERENCE_ERROR_CODES),
  'lookup.state.${}': (p) => product(p, foundStatus.shape.state.options),
  'lookup.toPrint.${}': (p) => product(p, foundStatus.shape.toPrint.element.options),
  // Lookup.tsx says nothing when there is no reprint.
  'lookup.reprint.${}': (p) => product(p, lookupResultView.shape.reprint.options.filter((r) => r !== 'none')),
};

// ---- The scan of renderer/src ---------------------------------------------------------------

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

interface Found {
  pattern: string;
  where: string;
}

// A template is a key when it is the first argument of t(…), or starts like one ("printing.").
const KEY_START = new RegExp(`^(${Object.keys(trees.en).join('|')})\\.`);

const isT = (callee: ts.Expression) => (ts.isIdentifier(callee) && callee.text === 't') || (ts.isPropertyAccessExpression(callee) && callee.name.text === 't');

/** The i18n keys a file builds from templates (and any it builds by `+`, which the table cannot check). */
function templateKeys(file: string): Found[] {
  const source = parse(file);
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  // `const base = \`printing.${…}\`` and then t(`${base}.${phase}`): the key is `printing.${}.${}`.
  const held = new Map<string, ts.TemplateExpression>();
  const inlined = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isTemplateExpression(node.initializer)) held.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(source);
  const normalise = (node: ts.TemplateExpression): string =>
    node.head.text +
    node.templateSpans
      .map((span) => {
        const heldAs = ts.isIdentifier(span.expression) ? held.get(span.expression.text) : undefined;
        if (heldAs && ts.isIdentifier(span.expression)) inlined.add(span.expression.text);
        return (heldAs ? normalise(heldAs) : '${}') + span.literal.text;
      })
      .join('');

  const candidates: { node: ts.Node; pattern: string; inT: boolean; heldBy?: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node)) {
      const parent = node.parent;
      const inT = ts.isCallExpression(parent) && isT(parent.expression) && parent.arguments[0] === node;
      const heldBy = ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
      candidates.push({ node, pattern: normalise(node), inT, ...(heldBy ? { heldBy } : {}) });
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && ts.isStringLiteral(node.left) && KEY_START.test(node.left.text)) {
      candidates.push({ node, pattern: `'${node.left.text}' + …`, inT: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return candidates
    .filter((c) => (c.inT || KEY_START.test(c.pattern)) && !(c.heldBy && inlined.has(c.heldBy)))
    .map((c) => ({ pattern: c.pattern, where: where(c.node) }));
}

const found = sourceFiles(RENDERER).flatMap(templateKeys);

// ---- The tests ----------------------------------------------------------------------------------

describe('template i18n keys of the renderer', () => {
  it('every template key in renderer/src is in TEMPLATES', () => {
    const uncovered = found.filter((f) => !(f.pattern in TEMPLATES)).map((f) => `${f.where} builds ${f.pattern}`);
    expect(uncovered, 'Add each to TEMPLATES in tests/unit/renderer/template-keys.test.ts, with the sources of its values').toEqual([]);
  });

  it('every entry of TEMPLATES is still built by the renderer', () => {
    const stale = Object.keys(TEMPLATES).filter((p) => !found.some((f) => f.pattern === p));
    expect(stale, 'The renderer no longer builds these keys: remove them from TEMPLATES').toEqual([]);
  });

  it('finds the code() prefixes of LookupShown', () => {
    expect(CODE_PREFIXES.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(TEMPLATES))('%s makes at least one key', (pattern) => {
    expect(TEMPLATES[pattern]!(pattern).length).toBeGreaterThan(0);
  });

  describe.each(LANGS)('in %s', (lang) => {
    it.each(Object.keys(TEMPLATES))('%s: every key has a text', (pattern) => {
      const missing = TEMPLATES[pattern]!(pattern).filter((key) => !resolves(lang, key));
      expect(missing, `${lang} has no text for these keys of ${pattern}`).toEqual([]);
    });
  });
});
