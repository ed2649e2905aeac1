import type { FormInstance, FormRule } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { Phone } from '../../../contracts/users.ts';
import { ApiError } from './api.ts';
import dayjs from 'dayjs';
import { applyServerErrors, blankToNull, dateProps, monthProps, zodCheck, zodRule } from './forms.ts';

/** The validator of an antd rule, called as antd calls it. */
const validate = (rule: FormRule, value: unknown) =>
  (rule as { validator: (r: unknown, v: unknown) => Promise<void> }).validator({}, value);

/** Just what applyServerErrors uses of an antd form: the fields it was told about. */
function fakeForm() {
  const setFields = vi.fn();
  return { form: { setFields } as unknown as FormInstance, setFields };
}

describe('a form field checked with the schema the server uses', () => {
  it('passes a value the contract accepts', async () => {
    await expect(validate(zodRule(Phone), '13800138000')).resolves.toBeUndefined();
  });
  it("refuses a value with the contract's own message, as the server would say it", async () => {
    await expect(validate(zodRule(Phone), '1380013')).rejects.toThrow('手机号须为 11 位中国大陆手机号码');
    expect(() => zodCheck(Phone, '23800138000')).toThrow('手机号须为 11 位中国大陆手机号码');
  });
  it('leaves an empty field to the `required` rule, so an optional phone may stay blank', async () => {
    for (const empty of [undefined, null, ''])
      await expect(validate(zodRule(Phone), empty)).resolves.toBeUndefined();
  });
});

describe('optional text fields', () => {
  it('send null for blanks and trimmed text otherwise', () => {
    expect(blankToNull('  ')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(' 清河镇人民政府 ')).toBe('清河镇人民政府');
  });
});

describe("the server's refusal, put under the fields it names", () => {
  const invalid = (details: { path: string; message: string }[]) =>
    new ApiError(400, 'validation_failed', '请求参数不正确', details);

  it('puts each field error under its field and leaves nothing for the top of the form', () => {
    const { form, setFields } = fakeForm();
    const rest = applyServerErrors(form, invalid([{ path: 'phone', message: '手机号格式不正确' }]), [
      'phone',
    ]);
    expect(setFields).toHaveBeenCalledWith([{ name: ['phone'], errors: ['手机号格式不正确'] }]);
    expect(rest).toBeNull();
  });
  it('reaches into lists: grants.1.orgId is the org of the second role row', () => {
    const { form, setFields } = fakeForm();
    applyServerErrors(form, invalid([{ path: 'grants.1.orgId', message: '不在管理范围内' }]), ['grants']);
    expect(setFields).toHaveBeenCalledWith([{ name: ['grants', 1, 'orgId'], errors: ['不在管理范围内'] }]);
  });
  it('says above the form what belongs to no field of it', () => {
    const { form, setFields } = fakeForm();
    const rest = applyServerErrors(
      form,
      invalid([
        { path: 'name', message: '姓名过长' },
        { path: 'version', message: '档案已被他人修改' },
      ]),
      ['name'],
    );
    expect(setFields).toHaveBeenCalledOnce();
    expect(rest).toBe('档案已被他人修改');
  });
  it("gives the server's message when it names no field at all", () => {
    const { form, setFields } = fakeForm();
    expect(applyServerErrors(form, new ApiError(403, 'forbidden', '无权操作该党组织'), ['orgId'])).toBe(
      '无权操作该党组织',
    );
    expect(setFields).not.toHaveBeenCalled();
  });
});

describe('a date or month field keeps the string the contracts type, the picker sees a day', () => {
  it('shows a stored date in the picker and stores the picked day as YYYY-MM-DD', () => {
    expect(dateProps.getValueProps('2026-03-05').value?.format('YYYY-MM-DD')).toBe('2026-03-05');
    expect(dateProps.normalize(dayjs('2026-03-05'))).toBe('2026-03-05');
  });
  it('shows a stored month as its first day and stores the picked month as YYYY-MM', () => {
    expect(monthProps.getValueProps('2026-03').value?.format('YYYY-MM-DD')).toBe('2026-03-01');
    expect(monthProps.normalize(dayjs('2026-03-17'))).toBe('2026-03');
  });
  it('leaves an empty field empty both ways', () => {
    for (const empty of [null, undefined, '']) {
      expect(dateProps.getValueProps(empty).value).toBeNull();
      expect(monthProps.getValueProps(empty).value).toBeNull();
    }
    expect(dateProps.normalize(null)).toBeNull();
    expect(monthProps.normalize(null)).toBeNull();
  });
});
