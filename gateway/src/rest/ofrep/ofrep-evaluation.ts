import { Type, type Static } from '@sinclair/typebox';
import type { EvaluationResult, FlagConfig } from '@vexil/evaluation';

/** OpenFeature's error codes, as OFREP sends them (open-feature/protocol, service/openapi.yaml). */
export const OfrepErrorCode = Type.Union(
  [
    Type.Literal('FLAG_NOT_FOUND'),
    Type.Literal('PARSE_ERROR'),
    Type.Literal('TARGETING_KEY_MISSING'),
    Type.Literal('INVALID_CONTEXT'),
    Type.Literal('TYPE_MISMATCH'),
    Type.Literal('GENERAL'),
  ],
  { description: 'an OpenFeature error code' },
);

export type OfrepErrorCode = Static<typeof OfrepErrorCode>;

/** One flag's value for the context (OFREP's `evaluationSuccess`). */
export const OfrepSuccess = Type.Object({
  key: Type.String(),
  value: Type.Unknown({
    description: "the value served, of the flag's type: boolean, string, number or JSON",
  }),
  reason: Type.Union(
    [
      Type.Literal('STATIC'),
      Type.Literal('TARGETING_MATCH'),
      Type.Literal('SPLIT'),
      Type.Literal('DISABLED'),
      Type.Literal('DEFAULT'),
      Type.Literal('PREREQUISITE_FAILED'),
    ],
    {
      description:
        'OpenFeature reasons; `STATIC` for a flag that serves everyone alike, `DEFAULT` when targeting fell through',
    },
  ),
  variant: Type.String({ description: 'the Vexil variation served (its key)' }),
  metadata: Type.Object(
    {
      version: Type.Optional(
        Type.Integer({ description: "the version of the flag's configuration in this environment" }),
      ),
      ruleId: Type.Optional(Type.String({ description: 'the rule that decided, when one did' })),
    },
    { description: 'flag metadata (OpenFeature `flagMetadata`)' },
  ),
});

/** A flag that could not be evaluated (OFREP's `evaluationFailure` and `flagNotFound`). */
export const OfrepFailure = Type.Object({
  key: Type.String(),
  errorCode: OfrepErrorCode,
  errorDetails: Type.String(),
});

export type OfrepEvaluation = Static<typeof OfrepSuccess> | Static<typeof OfrepFailure>;

/**
 * Whether a flag serves one variation to everyone: no prerequisite, target, rule or rollout can make
 * its value depend on the context, which OpenFeature calls `STATIC`.
 */
function servesEveryoneAlike(flag: FlagConfig): boolean {
  return (
    flag.prerequisites.length === 0 &&
    flag.targets.every((target) => target.values.length === 0) &&
    flag.rules.length === 0 &&
    'variation' in flag.defaultServe
  );
}

/**
 * One result as OFREP renders it. Vexil's reasons are OpenFeature's already (DESIGN.md); a default
 * serve that no context can change is `STATIC`, and `PREREQUISITE_FAILED` is kept, OpenFeature's
 * reasons being open. A result that failed is the failure OFREP lists among the flags.
 */
export function ofrepEvaluation(result: EvaluationResult, flag: FlagConfig | undefined): OfrepEvaluation {
  const { flagKey: key, reason, variation } = result;
  // Without a variation there is nothing to serve, whatever the reason says.
  if (reason === 'ERROR' || variation === null) {
    return {
      key,
      errorCode: result.errorCode ?? 'GENERAL',
      errorDetails: result.errorMessage ?? 'the flag could not be evaluated',
    };
  }
  return {
    key,
    value: result.value,
    reason: reason === 'DEFAULT' && flag && servesEveryoneAlike(flag) ? 'STATIC' : reason,
    variant: variation,
    metadata: {
      ...(flag?.version !== undefined ? { version: flag.version } : {}),
      ...(result.ruleId !== undefined ? { ruleId: result.ruleId } : {}),
    },
  };
}

/**
 * The status of a single flag's answer: OFREP's 404 for a flag that does not exist, and 400 for one
 * that exists but could not be evaluated (its body names the code), which its providers read as that
 * error rather than as a server fault.
 */
export function ofrepStatus(evaluation: OfrepEvaluation): number {
  if (!('errorCode' in evaluation)) return 200;
  return evaluation.errorCode === 'FLAG_NOT_FOUND' ? 404 : 400;
}
