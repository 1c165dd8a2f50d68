import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Permission, QA_STATUS_LABELS, QaStatus } from '@cchc/shared';
import { useCan } from '../../auth/permissions';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { optionalText, requiredText } from '../../components/form';
import { Pager } from '../../components/pager';
import { useSearchQuery } from '../../components/use-search-query';
import { useT } from '../../i18n/i18n';
import { TopicSelect } from '../../topics/components/topic-select';
import { useAskQuestion, useFaq, useMyQuestions } from '../use-qa';

type Tab = 'faq' | 'ask' | 'mine';
const TABS: Tab[] = ['faq', 'ask', 'mine'];
const TAB_LABELS = { faq: 'qa.tab.faq', ask: 'qa.tab.ask', mine: 'qa.tab.mine' } as const;

function FaqTab() {
  const { t, formatDate } = useT();
  const [text, setText] = useState('');
  const [topicId, setTopicId] = useState('');
  const [page, setPage] = useState(1);
  const { q, unsearchable } = useSearchQuery(text, 400);
  const faq = useFaq({ q, topicId: topicId || undefined, page, pageSize: 20 }, !unsearchable);
  // A query of only punctuation or spaces lists nothing (and says why), never the whole FAQ.
  const data = unsearchable ? undefined : faq.data;
  return (
    <div data-testid="faq-tab">
      <div className="card filter-grid">
        <div className="field">
          <label htmlFor="faq-q">{t('qa.faqSearch')}</label>
          <input id="faq-q" type="search" value={text} onChange={(e) => { setText(e.target.value); setPage(1); }} placeholder={t('qa.faqSearchPlaceholder')} data-testid="faq-search" />
        </div>
        <div className="field">
          <label htmlFor="faq-topic">{t('qa.topic')}</label>
          <TopicSelect id="faq-topic" name="topicId" value={topicId} onChange={(v) => { setTopicId(v); setPage(1); }} emptyLabel={t('common.all')} />
        </div>
      </div>
      {unsearchable && (
        <p className="empty" role="status" data-testid="search-unsearchable">
          {t('search.unsearchable')}
        </p>
      )}
      {faq.isPending && !unsearchable && <Loading />}
      <ErrorMessage error={faq.error} onRetry={() => void faq.refetch()} />
      {data && data.items.length === 0 && <p className="empty">{t('qa.faqEmpty')}</p>}
      <ul className="faq-list" data-testid="faq-list">
        {data?.items.map((entry) => (
          <li key={entry.id} className="card faq-entry" data-testid="faq-entry">
            <details>
              <summary className="faq-question">{entry.title}</summary>
              <p className="faq-body muted">{entry.body}</p>
              <div className="faq-answer" data-testid="faq-answer">
                {entry.answer.split(/\n+/).map((line, i) => (
                  <p key={i}>{line}</p>
                ))}
              </div>
              <p className="small muted">
                {[entry.topic?.name, formatDate(entry.publishedAt)].filter(Boolean).join(' · ')}
              </p>
            </details>
          </li>
        ))}
      </ul>
      {data && data.total > data.pageSize && <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </div>
  );
}

function AskTab({ onAsked }: { onAsked(): void }) {
  const { t } = useT();
  const ask = useAskQuestion();
  const [done, setDone] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    ask.mutate(
      { title: requiredText(form, 'title'), body: requiredText(form, 'body'), topicId: optionalText(form, 'topicId') },
      {
        onSuccess: () => {
          target.reset();
          setDone(true);
          onAsked();
        },
      },
    );
  };
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="ask-form">
      <p className="muted">{t('qa.askIntro')}</p>
      <div className="field">
        <label htmlFor="ask-title">{t('qa.questionTitle')}</label>
        <input id="ask-title" name="title" required minLength={5} maxLength={300} data-testid="ask-title" />
      </div>
      <div className="field">
        <label htmlFor="ask-body">{t('qa.questionBody')}</label>
        <textarea id="ask-body" name="body" required minLength={5} maxLength={5000} rows={5} data-testid="ask-body" />
      </div>
      <div className="field">
        <label htmlFor="ask-topic">{t('qa.topic')}</label>
        <TopicSelect id="ask-topic" name="topicId" emptyLabel={t('qa.noTopic')} />
      </div>
      <ErrorMessage error={ask.error} />
      <SuccessMessage>{done && t('qa.asked')}</SuccessMessage>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={ask.isPending} data-testid="ask-submit">
          {t('qa.send')}
        </button>
      </div>
    </form>
  );
}

function MineTab() {
  const { t, label, formatDateTime } = useT();
  const [page, setPage] = useState(1);
  const mine = useMyQuestions(page);
  const data = mine.data;
  return (
    <div data-testid="mine-tab">
      {mine.isPending && <Loading />}
      <ErrorMessage error={mine.error} onRetry={() => void mine.refetch()} />
      {data && data.items.length === 0 && <p className="empty">{t('qa.mineEmpty')}</p>}
      <ul className="doc-list">
        {data?.items.map((q) => (
          <li key={q.id} className="card doc-card" data-testid="my-question">
            <Link to={`/qa/questions/${q.id}`} className="doc-title">
              {q.title}
            </Link>
            <p className="doc-meta">
              {formatDateTime(q.askedAt)}
              <span className="doc-badges">
                <span className={`badge ${q.status === QaStatus.Answered ? 'badge-ok' : 'badge-muted'}`}>{label(QA_STATUS_LABELS[q.status])}</span>
                {q.published && <span className="badge badge-accent">{t('qa.publishedBadge')}</span>}
              </span>
            </p>
          </li>
        ))}
      </ul>
      {data && data.total > data.pageSize && <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
    </div>
  );
}

/** Learners' Q&A: the public FAQ, a form to ask, and their own questions with the answers. */
export function QaPage() {
  const { t } = useT();
  const canAnswer = useCan(Permission.QaAnswer);
  const [params, setParams] = useSearchParams();
  const tab = (TABS.includes(params.get('tab') as Tab) ? params.get('tab') : 'faq') as Tab;
  return (
    <section className="page" data-testid="qa-page">
      <div className="page-header">
        <h1>{t('qa.title')}</h1>
        {canAnswer && (
          <Link to="/qa/inbox" className="button">
            {t('qa.inbox')}
          </Link>
        )}
      </div>
      <div className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`tab${tab === name ? ' is-active' : ''}`}
            onClick={() => setParams({ tab: name })}
            data-testid={`qa-tab-${name}`}
          >
            {t(TAB_LABELS[name])}
          </button>
        ))}
      </div>
      {tab === 'faq' && <FaqTab />}
      {tab === 'ask' && <AskTab onAsked={() => undefined} />}
      {tab === 'mine' && <MineTab />}
    </section>
  );
}
