export const SERVICE_FAMILIES = ['household', 'entryExit', 'vehicles'] as const;
export type ServiceFamily = (typeof SERVICE_FAMILIES)[number];
