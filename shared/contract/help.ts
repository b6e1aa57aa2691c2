import { z } from 'zod';
import { CALL_STATES } from '../hardware/intercom';

export { CALL_STATES, type CallState } from '../hardware/intercom';

/** A help request's id: the row's number, which says nothing about who asked. */
export const helpRequestIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What "Call an officer" shows: the request recorded, the station's phone, and whether the intercom can call. */
export const helpRequestResultSchema = z.object({
  requestId: helpRequestIdSchema,
  /** The station phone an admin set, or null: the screen then says to call 110 in an emergency. */
  phone: z.string().nullable(),
  intercom: z.enum(['ready', 'unavailable']),
});

/** Where the resident's intercom call stands: the answer of help:call and help:hangUp, and the pushed `help:call` event. */
export const helpCallSchema = z.object({ requestId: helpRequestIdSchema, state: z.enum(CALL_STATES) });
export type HelpCall = z.infer<typeof helpCallSchema>;

/**
 * One help request as staff see it, and all the kiosk keeps of it: when, on which screen of which
 * service, how the intercom call went, and who dealt with it when. Nothing about the resident.
 */
export const helpRequestSchema = z.object({
  id: helpRequestIdSchema,
  at: z.number(),
  screen: z.string(),
  serviceId: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  /** The last state of the last intercom call for it, or null when the resident did not call. */
  call: z.enum(CALL_STATES).nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.number().nullable(),
});
export type HelpRequest = z.infer<typeof helpRequestSchema>;

/** Staff's list: the open requests, then the latest closed ones, newest first; and how many were closed today. */
export const helpListSchema = z.object({
  requests: z.array(helpRequestSchema),
  closedToday: z.number().int().nonnegative(),
});

export const simIntercomActionSchema = z.enum(['answer', 'hangUp', 'noAnswer', 'fail']);
