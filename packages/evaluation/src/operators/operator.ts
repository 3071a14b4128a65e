import type { EvaluationContext } from '../types.js';

/** What an operator may know beyond the attribute and the condition's values. */
export interface OperatorEnvironment {
  context: EvaluationContext;
  /** Passed in by the caller; the engine has no clock. May be an invalid date, which no date matches. */
  now: Date;
  /** The flag being evaluated, for operators that hash (`percentage_of`). */
  flagKey: string;
  /** Segment membership of the context, with cycles between segments already cut. */
  inSegment(segmentKey: string): boolean;
}

/**
 * A condition operator. `actual` is the resolved attribute (`undefined` when absent); `values` are the
 * condition's values. Operators return false for anything they cannot compare and never throw.
 */
export type Operator = (actual: unknown, values: readonly unknown[], env: OperatorEnvironment) => boolean;
