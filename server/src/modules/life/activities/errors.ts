import { AppError, conflict, type Text } from '../../../platform/http/errors.ts';
import type { Problem, SignInRefusal } from './rules.ts';

/** Problems of the input: a 400 naming the first field, all of them in the details. */
export function refusedInput(problems: Problem[], what: Text): AppError {
  const first = problems[0];
  return new AppError(
    400,
    'invalid_input',
    { zh: `${what.zh}：${first.path}：${first.text.zh}`, en: `${what.en}: ${first.path}: ${first.text.en}` },
    problems.map((p) => ({ path: p.path, message: p.text.zh, messageEn: p.text.en })),
  );
}

/** A state that does not allow the request (sign-in closed, cancelled…): a 409 saying why. */
export const refusedNow = (r: SignInRefusal) => conflict(r.code, r.text);
