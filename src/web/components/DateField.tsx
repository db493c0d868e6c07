/**
 * A date typed the Vietnamese way (dd/mm/yyyy) whose value is ISO (yyyy-mm-dd) or null.
 * Native date pickers follow the browser's locale (often mm/dd/yyyy), so we use a text field.
 */
import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDate, parseDate } from '../lib/format.ts';

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  value: string | null;
  onChange: (iso: string | null) => void;
}

export function DateField({ value, onChange, error, ...rest }: DateFieldProps) {
  const [text, setText] = useState(formatDate(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (parseDate(text) !== value) {
      setText(formatDate(value));
      setInvalid(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextInput
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      autoComplete="off"
      {...rest}
      value={text}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const iso = parseDate(t);
        if (iso) {
          setInvalid(false);
          onChange(iso);
        } else if (t.trim() === '') {
          setInvalid(false);
          onChange(null);
        }
      }}
      onBlur={() => {
        const iso = parseDate(text);
        setInvalid(text.trim() !== '' && !iso);
        if (iso) setText(formatDate(iso));
        else if (text.trim() !== '') onChange(null);
      }}
      error={invalid ? 'Ngày không hợp lệ (dd/mm/yyyy)' : error}
    />
  );
}
