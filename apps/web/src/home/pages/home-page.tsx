import { Link } from 'react-router-dom';
import { COVERAGE_STATUS_LABELS, ROLE_LABELS, type CoverageStatus, type HomeLearnerDto, type HomeOverviewDto } from '@cchc/shared';
import { useCurrentUser } from '../../auth/use-me';
import { ErrorMessage, Loading } from '../../components/error-message';
import { useT } from '../../i18n/i18n';
import { StatusBadge } from '../../learning/components/learning-bits';
import { usePerson } from '../../people/use-person';
import { useHome } from '../use-home';
import '../../records/record.css';

/** "Trang của tôi": what is due for me, and for officers what is behind in the units they answer for. Phone first. */
export function HomePage() {
  const { t } = useT();
  const me = useCurrentUser();
  const home = useHome();
  return (
    <section className="page" data-testid="home-page">
      <h1>{t('home.greeting', { name: me.displayName })}</h1>
      {home.isPending && <Loading />}
      <ErrorMessage error={home.error} onRetry={() => void home.refetch()} />
      {home.data?.learner && <LearnerDue d={home.data.learner} />}
      {home.data?.overview && <Overview o={home.data.overview} />}
      <AccountCard />
    </section>
  );
}

function LearnerDue({ d }: { d: HomeLearnerDto }) {
  const { t, formatDate, formatNumber } = useT();
  const nothing = !d.rounds.length && !d.remedial.length && !d.courses.length && !d.targets.length;
  return (
    <article className="card record" data-testid="home-due">
      <h2>{t('home.due')}</h2>
      {nothing && <p className="empty">{t('home.nothingDue')}</p>}
      {d.rounds.length > 0 && (
        <>
          <h3>{t('home.dueRounds')}</h3>
          <ul className="record-list" data-testid="home-due-rounds">
            {d.rounds.map((r) => (
              <li key={r.roundId} className="due-item">
                <div className="record-head">
                  <Link to={`/tests/${r.roundId}`}>{r.name}</Link>
                  {r.inProgress && <span className="badge badge-update">{t('home.continueTest')}</span>}
                </div>
                <div className="record-meta"><span>{t('home.closesOn', { date: formatDate(r.closesAt) })}</span></div>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.remedial.length > 0 && (
        <>
          <h3>{t('home.dueRemedial')}</h3>
          <ul className="record-list" data-testid="home-due-remedial">
            {d.remedial.map((a) => (
              <li key={a.id} className={a.overdue ? 'due-item is-overdue' : 'due-item'}>
                <div className="record-head">
                  <Link to={`/tests/${a.roundId}/result`}>{t('home.remedialAfter', { round: a.roundName })}</Link>
                  {a.overdue && <span className="badge badge-danger">{t('record.overdue')}</span>}
                </div>
                <div className="record-meta"><span>{t('record.remedialProgress', { done: a.itemsDone, total: a.itemsTotal, date: formatDate(a.dueDate) })}</span></div>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.courses.length > 0 && (
        <>
          <h3>{t('home.dueCourses')}</h3>
          <ul className="record-list" data-testid="home-due-courses">
            {d.courses.map((c) => (
              <li key={c.courseId} className={c.status === 'overdue' ? 'due-item is-overdue' : 'due-item'}>
                <div className="record-head">
                  <Link to={`/learning/courses/${c.courseId}`}>{c.title}</Link>
                  <StatusBadge status={c.status} />
                </div>
                <div className="record-meta">
                  <span>{c.dueDate ? t('record.due', { date: formatDate(c.dueDate) }) : t('home.noDueDate')}</span>
                  {c.percent > 0 && <span>{formatNumber(c.percent)}%</span>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {d.targets.length > 0 && (
        <>
          <h3>{t('home.dueTargets')}</h3>
          <ul className="record-list" data-testid="home-due-targets">
            {d.targets.map((x) => (
              <li key={x.targetId} className="due-item">
                <div className="record-head">
                  <Link to="/my-targets">{x.shortName || x.name}</Link>
                  <span className="muted">{x.year}</span>
                </div>
                <ul className="record-reasons">{x.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                {x.todo && <p className="record-todo">{x.todo}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p><Link to="/my-record" data-testid="home-my-record">{t('home.myRecord')} ›</Link></p>
    </article>
  );
}

function Bar({ pct, threshold, status }: { pct: number; threshold: number; status: CoverageStatus }) {
  return (
    <span className="pct-bar" role="img" aria-label={`${pct}% / ${threshold}%`}>
      <span className={`pct-fill status-${status}`} style={{ width: `${Math.min(100, pct)}%` }} />
      <span className="pct-threshold" style={{ left: `${Math.min(100, threshold)}%` }} />
    </span>
  );
}

function Overview({ o }: { o: HomeOverviewDto }) {
  const { t, label, formatDate, formatNumber } = useT();
  const heading = o.level === 'unit' ? t('home.overviewUnit', { unit: o.unitName }) : o.level === 'province' ? t('home.overviewProvince', { unit: o.unitName }) : t('home.overviewNation');
  return (
    <div data-testid="home-overview" data-level={o.level}>
      <h2>{heading}</h2>
      <div className="home-overview-grid">
        <article className="card record" data-testid="home-targets">
          <h3>{t('home.targetsTitle')}</h3>
          {o.targetsBehind > 0 && <p><span className="badge badge-danger">{t('home.targetsBehind', { n: o.targetsBehind })}</span></p>}
          <ul className="record-list">
            {o.targets.map((x) => (
              <li key={x.targetId}>
                <div className="record-head">
                  <Link to={`/coverage?target=${x.targetId}`}>{x.shortName || x.name}</Link>
                  <span className={`badge status-${x.status}`}>{label(COVERAGE_STATUS_LABELS[x.status])}</span>
                </div>
                <Bar pct={x.pct} threshold={x.thresholdPct} status={x.status} />
                <div className="record-meta">
                  <span>{formatNumber(x.pct)}% / {formatNumber(x.thresholdPct)}% · {x.year}</span>
                  <span data-testid="home-target-missing">
                    {x.eligible === 0 ? t('home.noEligible') : x.missing === 0 ? t('home.allCovered') : (
                      <Link to={`/coverage?target=${x.targetId}`}>{t(x.counts === 'units' ? 'home.missingUnits' : 'home.missingPeople', { n: x.missing })}</Link>
                    )}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </article>
        <div>
          <article className="card record" data-testid="home-rounds">
            <h3>{t('home.roundsTitle')}</h3>
            {o.rounds.length ? (
              <ul className="record-list">
                {o.rounds.map((r) => (
                  <li key={r.roundId}>
                    <div className="record-head">
                      <Link to={`/test-rounds/${r.roundId}`}>{r.name}</Link>
                    </div>
                    <div className="record-meta">
                      <span>{t('home.closesOn', { date: formatDate(r.closesAt) })}</span>
                      <Link to={`/test-rounds/${r.roundId}`} data-testid="home-round-not-taken">{t('home.notTaken', { n: r.notTaken, total: r.audience })}</Link>
                    </div>
                  </li>
                ))}
              </ul>
            ) : <p className="empty">{t('home.noOpenRounds')}</p>}
          </article>
          <article className="card record" data-testid="home-low">
            <h3>{t('home.lowTitle', { year: o.lowScorers.year })}</h3>
            {o.lowScorers.total ? (
              <>
                <p>{t('home.lowSummary', { total: o.lowScorers.total, n: o.lowScorers.withoutRemedialDone })}</p>
                <p><Link to="/coverage#low-scorers" data-testid="home-low-link">{t('home.viewList')} ›</Link></p>
              </>
            ) : <p className="empty">{t('home.noLow')}</p>}
          </article>
          {o.level !== 'unit' || o.unitsBehind.length > 0 ? (
            <article className="card record" data-testid="home-units-behind">
              <h3>{t('home.unitsBehindTitle')}</h3>
              {o.unitsBehind.length ? (
                <ul className="record-list">
                  {o.unitsBehind.map((u) => (
                    <li key={u.unitId}>
                      <div className="record-head">
                        <Link to={`/coverage?target=${u.targetId}`}>{u.unitName}</Link>
                      </div>
                      <div className="record-meta">
                        <span>{t('home.unitBehind', { target: u.targetShortName, pct: u.pct, threshold: u.thresholdPct })}</span>
                        <span>{u.counts === 'units' ? t('home.unitNotCovered') : t('home.missingPeople', { n: u.missing })}</span>
                      </div>
                    </li>
                  ))}
                </ul>
              ) : <p className="empty">{t('home.noUnitsBehind')}</p>}
            </article>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Who is signed in: kept short, the details are on "Tài khoản của tôi" and the person page. */
function AccountCard() {
  const { t, label } = useT();
  const me = useCurrentUser();
  const person = usePerson(me.personId);
  return (
    <article className="card" data-testid="home-account">
      <h2>{t('home.account')}</h2>
      <dl className="details">
        <dt>{t('home.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('home.role')}</dt>
        <dd>{label(ROLE_LABELS[me.role])}</dd>
        <dt>{t('home.unit')}</dt>
        <dd data-testid="home-unit">{me.unitName ?? t('home.noUnit')}</dd>
        {person.data && (
          <>
            <dt>{t('people.staffCode')}</dt>
            <dd>{person.data.staffCode}</dd>
          </>
        )}
      </dl>
      {!me.personId && <p className="muted">{t('home.noPerson')}</p>}
    </article>
  );
}
