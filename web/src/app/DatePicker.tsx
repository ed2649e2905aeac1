import { DatePicker as AntDatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type FocusEvent, useState } from 'react';
import { parseDateText } from '../../../contracts/dates.ts';
import { DATE_INPUT_FORMATS } from './dates.ts';

type Props = DatePickerProps<Dayjs, false>;

/**
 * antd's DatePicker reading a typed date the way the import reads a cell (contracts/dates.ts):
 * 20050601, 2005/6/1, 2005.06.01, 2005年6月1日 are kept, not silently erased on leaving the box.
 * The complete forms take effect as they are typed (DATE_INPUT_FORMATS); the short ones (2005/6/1,
 * which could still become 2005/6/15) when the box is left. A drop-in: same props and value
 * (dayjs); month, week, time and multiple pickers pass through unchanged.
 */
function TolerantDatePicker(props: Props) {
  const controlled = 'value' in props;
  const [own, setOwn] = useState<Dayjs | null>(props.defaultValue ?? null);
  if ((props.picker && props.picker !== 'date') || props.showTime || props.multiple)
    return <AntDatePicker {...props} />;
  const value = controlled ? (props.value ?? null) : own;
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    const typed = (e.target as HTMLInputElement).value;
    const iso = typed ? parseDateText(typed) : null;
    if (iso && iso !== value?.format('YYYY-MM-DD')) {
      const d = dayjs(iso);
      if (!props.disabledDate?.(d, { type: 'date' })) {
        if (!controlled) setOwn(d);
        props.onChange?.(d, iso);
      }
    }
    props.onBlur?.(e, {});
  };
  return (
    <AntDatePicker
      format={DATE_INPUT_FORMATS}
      {...props}
      value={value}
      onChange={(d, s) => {
        if (!controlled) setOwn(d);
        props.onChange?.(d, s);
      }}
      onBlur={onBlur}
    />
  );
}

/** The range picker, with the same complete forms as the single one. */
function RangePicker(props: React.ComponentProps<typeof AntDatePicker.RangePicker>) {
  return <AntDatePicker.RangePicker format={DATE_INPUT_FORMATS} {...props} />;
}

export const DatePicker = Object.assign(TolerantDatePicker, { RangePicker });
