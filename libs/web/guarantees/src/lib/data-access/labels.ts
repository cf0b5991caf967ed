import {
  GUARANTEE_AMOUNT_FIELDS,
  GUARANTEE_AMOUNT_LABELS,
  type GuaranteeAmountField,
  type GuaranteeKind,
  type GuaranteeRequestView,
  type GuaranteeStatus,
} from '@crm/domain';
import type { MessageKey } from '@crm/web/core';

export const kindKey = (kind: GuaranteeKind): MessageKey => `guarantees.kind.${kind}`;
export const statusKey = (status: GuaranteeStatus): MessageKey => `guarantees.status.${status}`;
export const amountKey = (field: GuaranteeAmountField): MessageKey => `guarantees.field.${field}`;

/** ng-zorro tag colours of a request's status. */
export const STATUS_COLORS: Record<GuaranteeStatus, string> = {
  sent: 'default',
  received: 'blue',
  'in-progress': 'processing',
  secured: 'green',
  'cannot-meet': 'red',
};

/** The amounts of a request as "120亩、16000兆瓦时/年" (the decimal strings as stored, trailing zeros dropped). */
export function amountsText(r: GuaranteeRequestView): string {
  const trim = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
  return GUARANTEE_AMOUNT_FIELDS[r.kind]
    .filter((f) => r[f])
    .map((f) => `${trim(String(r[f]))}${f === 'quantity' ? (r.quantityUnit ?? '') : GUARANTEE_AMOUNT_LABELS[f].unit}`)
    .join('、');
}
