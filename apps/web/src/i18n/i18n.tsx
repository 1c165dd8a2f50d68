import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { vi, type MessageKey } from './vi';
import { interpolate, type Params } from './interpolate';

/** The province's clock: business days and times read the same wherever the browser thinks it is. */
export const BUSINESS_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export type Lang = 'vi' | 'en';
export type { MessageKey };

const LANG_KEY = 'cchc.lang';
/**
 * English is loaded only when someone picks it: most users never do, and the test page's first visit on a commune
 * office link must stay small. Until it arrives, the Vietnamese text is shown.
 */
let english: Record<MessageKey, string> | null = null;
const loadEnglish = (): Promise<Record<MessageKey, string>> => import('./en').then((m) => (english = m.en));
const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** Picks the current language from the `{ vi, en }` labels that @cchc/shared exports. */
  label(labels: { vi: string; en: string }): string;
  formatDate(iso: string | null | undefined): string;
  formatDateTime(iso: string | null | undefined): string;
  formatNumber(value: number): string;
}

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [englishLoaded, setEnglishLoaded] = useState(english !== null);

  useEffect(() => {
    if (lang === 'en' && !englishLoaded) void loadEnglish().then(() => setEnglishLoaded(true), () => undefined);
  }, [lang, englishLoaded]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = (lang === 'en' && englishLoaded && english ? english : vi)['app.name'];
  }, [lang, englishLoaded]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      /* private mode: the choice lasts for this visit */
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = lang === 'en' && englishLoaded && english ? english : vi;
    const locale = locales[lang];
    // Effective dates are stored as midnight in Vietnam: shown in the browser's own zone they would fall a day early.
    const dateFormat = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: BUSINESS_TIME_ZONE });
    const plainDateFormat = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: BUSINESS_TIME_ZONE,
    });
    const numberFormat = new Intl.NumberFormat(locale);
    const format = (formatter: Intl.DateTimeFormat, iso: string | null | undefined) => {
      if (!iso) return '—';
      // Plain dates ("2024-05-01") are calendar days: format them as UTC so no time zone shifts the day.
      const isPlainDate = /^\d{4}-\d{2}-\d{2}$/.test(iso);
      const date = new Date(isPlainDate ? `${iso}T00:00:00Z` : iso);
      if (Number.isNaN(date.getTime())) return iso;
      return isPlainDate ? plainDateFormat.format(date) : formatter.format(date);
    };
    return {
      lang,
      setLang,
      t: (key, params) => interpolate(dictionary[key] ?? vi[key] ?? key, params, (n) => numberFormat.format(n)),
      label: (labels) => labels[lang],
      formatDate: (iso) => format(dateFormat, iso),
      formatDateTime: (iso) => format(dateTimeFormat, iso),
      formatNumber: (value) => numberFormat.format(value),
    };
  }, [lang, setLang, englishLoaded]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useT() must be used inside <I18nProvider>');
  return value;
}
