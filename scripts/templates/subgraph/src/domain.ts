/** The __name__ source's vocabulary; the SDL enums mirror it and the migration checks it. */

export const ITEM_STATUSES = ['ACTIVE', 'RETIRED'] as const;

export const ITEM_LIMITS = {
  name: 100,
  note: 2000,
  quantity: 1_000_000,
} as const;
