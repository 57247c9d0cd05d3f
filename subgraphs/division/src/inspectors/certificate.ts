import { addDays } from '../../../../common/dates';

/** How far ahead an expiring 执法证 is reported: a quarter covers the tasks being planned now. */
export const CERTIFICATE_NOTICE_DAYS = 90;

export interface CertificateWarning {
  code: 'CERTIFICATE_EXPIRED' | 'CERTIFICATE_EXPIRES_SOON';
  message: string;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Rule 6 draws only inspectors whose certificate is valid through the whole task
 * period, so an expired or soon expiring certificate silently keeps an inspector
 * out of tasks: say so wherever the inspector is saved or read.
 */
export function certificateWarning(validUntil: string, today: string): CertificateWarning | null {
  if (validUntil < today) {
    return {
      code: 'CERTIFICATE_EXPIRED',
      message: `执法证已于 ${validUntil} 到期：更新有效期之前，该人员不会被抽入任何抽查任务 (the certificate expired on ${validUntil}: until it is renewed, no task draws this inspector)`,
    };
  }
  if (validUntil < addDays(today, CERTIFICATE_NOTICE_DAYS)) {
    return {
      code: 'CERTIFICATE_EXPIRES_SOON',
      message:
        `执法证将于 ${validUntil} 到期（还有 ${daysBetween(today, validUntil)} 天）：检查期限晚于该日的任务不会抽到该人员，请及时更新 ` +
        `(the certificate expires on ${validUntil}: tasks whose period ends later will not draw this inspector)`,
    };
  }
  return null;
}
