import { useEffect, useState, type FormEvent } from 'react';
import type { CertificateSettingsDto } from '@cchc/shared';
import { ErrorMessage } from '../../components/error-message';
import { useT, type MessageKey } from '../../i18n/i18n';
import { useCertificateSettings, useSaveCertificateSettings } from '../use-reports';

const FIELDS: { key: keyof CertificateSettingsDto; label: MessageKey; max: number; required: boolean }[] = [
  { key: 'issuerParent', label: 'cert.issuerParent', max: 120, required: false },
  { key: 'issuerName', label: 'cert.issuerName', max: 120, required: true },
  { key: 'place', label: 'cert.place', max: 60, required: true },
  { key: 'signerAuthority', label: 'cert.signerAuthority', max: 80, required: false },
  { key: 'signerTitle', label: 'cert.signerTitle', max: 80, required: true },
  { key: 'signerName', label: 'cert.signerName', max: 80, required: true },
  { key: 'numberSuffix', label: 'cert.numberSuffix', max: 20, required: false },
];

/** The coordinator sets who issues and signs the province's course certificates (NĐ 30 layout). */
export function CertificateSettingsCard() {
  const { t } = useT();
  const current = useCertificateSettings();
  const save = useSaveCertificateSettings();
  const [form, setForm] = useState<CertificateSettingsDto | null>(null);
  useEffect(() => {
    if (current.data && !form) setForm(current.data);
  }, [current.data, form]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form) save.mutate(form);
  };
  return (
    <details className="card collapsible" data-testid="certificate-settings">
      <summary><h2>{t('cert.title')}</h2></summary>
      <p className="muted small">{t('cert.hint')}</p>
      {current.isError && <ErrorMessage error={current.error} />}
      {form && (
        <form className="form" onSubmit={submit}>
          <div className="field-row">
            {FIELDS.map((f) => (
              <div className="field" key={f.key}>
                <label htmlFor={`cert-${f.key}`}>{t(f.label)}</label>
                <input
                  id={`cert-${f.key}`}
                  value={form[f.key]}
                  maxLength={f.max}
                  required={f.required}
                  onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                  data-testid={`cert-${f.key}`}
                />
              </div>
            ))}
          </div>
          {save.isError && <ErrorMessage error={save.error} />}
          {save.isSuccess && <p className="notice" role="status">{t('cert.saved')}</p>}
          <button type="submit" className="button button-primary" disabled={save.isPending} data-testid="cert-save">{t('common.save')}</button>
        </form>
      )}
    </details>
  );
}
