import { useId } from 'react';
import { useT, type Lang } from '../i18n/i18n';

export function LanguageSwitch() {
  const { t, lang, setLang } = useT();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <select id={id} value={lang} onChange={(event) => setLang(event.target.value as Lang)} data-testid="language-switch">
        <option value="vi">{t('lang.vi')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </div>
  );
}
