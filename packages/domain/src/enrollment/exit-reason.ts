/** 核销 on review, death, income above the line, moved away, replaced by an adjusted enrollment, … */
export const EXIT_REASONS = [
  'cancelled_on_review',
  'deceased',
  'income_above_standard',
  'moved_away',
  'adjusted',
  'voluntary',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];
