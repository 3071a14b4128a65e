import type { HttpAnswer } from '@vexil/testing';

/** Asserts PhaseFlag's error body `{"error": {"code", "message", "details"}}` with a status. */
export function expectPhaseFlagError(
  answer: Pick<HttpAnswer, 'status' | 'body'>,
  status: number,
  code: string,
) {
  expect({ status: answer.status, body: answer.body }).toEqual({
    status,
    body: { error: { code, message: expect.any(String), details: expect.any(Object) } },
  });
}
