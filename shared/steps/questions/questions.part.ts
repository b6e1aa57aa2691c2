import { assign } from 'xstate';
import type { AnswerValue } from '../../catalog/questions';
import { validateAnswer, type AnswerCheck } from '../../catalog/validate';
import type { FlowContext } from '../../flows/flow-context';
import { flowSetup } from '../../flows/flow-setup';
import { localDate } from '../../flows/session';
import { localOf, type PartPlan } from '../plan';
import { applies, nextApplicable, pickableIds, prefilled, type QuestionsLocal, type QuestionsStep } from './questions.step';

interface Answer {
  questionId: string;
  value: AnswerValue;
}

/** One question per screen: answers are checked as they come, and Back walks back through them. */
export function questionsPart(step: QuestionsStep, plan: PartPlan) {
  const local = (context: FlowContext): QuestionsLocal => localOf(context, 'questions', () => ({ kind: 'questions', index: 0, error: null }));
  const current = (context: FlowContext) => step.questions[local(context).index];
  const check = (context: FlowContext, answer: Answer): AnswerCheck => {
    const question = current(context);
    if (!question || answer.questionId !== question.id) return { ok: false, code: 'invalidOption' };
    return validateAnswer(question, answer.value, { today: localDate(new Date()), pickable: pickableIds(question, context.session) });
  };
  const answersWith = (context: FlowContext, answer: Answer): Record<string, AnswerValue> => {
    const checked = check(context, answer);
    return checked.ok ? { ...context.session.answers, [answer.questionId]: checked.value } : context.session.answers;
  };
  // The next question that applies once this answer is in, or -1 past the last.
  const after = (context: FlowContext, answer: Answer) => nextApplicable(step, answersWith(context, answer), local(context).index + 1);
  // After a Change, a question that now applies and was never answered is asked before returning.
  const nothingPending = (context: FlowContext, answer: Answer) => {
    const answers = answersWith(context, answer);
    return step.questions.every((q, i) => i <= local(context).index || !applies(q, answers) || answers[q.id] !== undefined);
  };
  const record = flowSetup.assign(({ context, event }) =>
    event.type === 'ANSWER' ? { session: { ...context.session, answers: answersWith(context, event) }, local: { ...local(context), error: null } } : {},
  );
  const moveTo = (index: (c: FlowContext) => number) =>
    flowSetup.assign(({ context }) => {
      const i = index(context);
      return { local: { kind: 'questions' as const, index: i, error: null }, session: { ...context.session, answers: prefilled(step, i, context.session) } };
    });

  return flowSetup.createStateConfig({
    entry: moveTo((context) => {
      const focus = context.focus ? step.questions.findIndex((q) => q.id === context.focus) : -1;
      if (focus >= 0) return focus;
      return context.enteredBack ? nextApplicable(step, context.session.answers, step.questions.length - 1, -1) : nextApplicable(step, context.session.answers, 0);
    }),
    // None of the step's questions applies to this resident: the step is passed over, either way.
    always: [
      { guard: ({ context }) => local(context).index === -1 && context.enteredBack, target: plan.back, actions: 'goBack' },
      { guard: ({ context }) => local(context).index === -1, target: plan.next, actions: 'goForward' },
    ],
    on: {
      ANSWER: [
        {
          guard: ({ context, event }) => !check(context, event).ok,
          actions: assign({ local: ({ context, event }) => ({ ...local(context), error: { questionId: current(context)?.id ?? '', code: (check(context, event) as { code: string }).code } }) }),
        },
        ...plan.returnsTo.map((j) => ({
          guard: ({ context, event }: { context: FlowContext; event: Answer }) => context.returnTo === j && nothingPending(context, event),
          target: plan.stateOf(j),
          actions: [record, 'goForward' as const],
        })),
        { guard: ({ context, event }) => after(context, event) === -1, target: plan.next, actions: [record, 'goForward'] },
        { actions: [record, moveTo((context) => nextApplicable(step, context.session.answers, local(context).index + 1))] },
      ],
      BACK: [
        ...plan.returnsTo.map((j) => ({ guard: ({ context }: { context: FlowContext }) => context.returnTo === j, target: plan.stateOf(j), actions: 'goForward' as const })),
        { guard: ({ context }) => nextApplicable(step, context.session.answers, local(context).index - 1, -1) === -1, target: plan.back, actions: 'goBack' },
        { actions: moveTo((context) => nextApplicable(step, context.session.answers, local(context).index - 1, -1)) },
      ],
    },
  });
}
