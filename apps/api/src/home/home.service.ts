import { Injectable } from '@nestjs/common';
import {
  compareVi, Permission, roleHasPermission, roleScope, vietnamDate,
  type HomeDto, type HomeLearnerDto, type HomeOverviewDto, type HomeUnitBehindDto, type PersonRecordDto,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { CoverageService } from '@api/coverage';
import { RecordsService } from '@api/records';
import { HomeRepository } from './home.repository';

const UNITS_BEHIND_SHOWN = 5;

/** What is due, in the order a learner should act on it (pure: the record is already read). */
export function learnerDue(record: PersonRecordDto): HomeLearnerDto {
  const due = (d: string | null) => d ?? '9999-12-31';
  return {
    personId: record.person.id,
    rounds: record.rounds
      .filter((r) => r.phase === 'open' && r.eligible && !r.result)
      .sort((a, b) => a.closesAt.localeCompare(b.closesAt))
      .map((r) => ({ roundId: r.roundId, name: r.name, closesAt: r.closesAt, inProgress: r.inProgress })),
    remedial: record.remedial
      .filter((a) => a.status === 'open' && a.itemsDone < a.itemsTotal)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate))
      .map(({ id, roundId, roundName, dueDate, overdue, itemsDone, itemsTotal }) => ({ id, roundId, roundName, dueDate, overdue, itemsDone, itemsTotal })),
    courses: record.courses
      .filter((c) => c.assigned && c.status !== 'completed')
      .sort((a, b) => Number(b.status === 'overdue') - Number(a.status === 'overdue') || due(a.dueDate).localeCompare(due(b.dueDate)) || compareVi(a.title, b.title))
      .map(({ courseId, title, status, dueDate, percent }) => ({ courseId, title, status, dueDate, percent })),
    targets: record.targets
      .filter((t) => t.state === 'not_met' && t.todo !== null)
      .map(({ targetId, name, shortName, year, reasons, todo }) => ({ targetId, name, shortName, year, reasons, todo })),
  };
}

/** The home page's data for the caller: their own due items, and the overview of what they answer for. */
@Injectable()
export class HomeService {
  constructor(
    private readonly repo: HomeRepository,
    private readonly records: RecordsService,
    private readonly coverage: CoverageService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async home(user: AuthUser): Promise<HomeDto> {
    const [learner, overview] = await Promise.all([
      user.personId ? this.records.parts(this.access.ownScope(user), user.personId).then((p) => learnerDue(p.dto)) : null,
      roleHasPermission(user.role, Permission.CoverageRead) ? this.overview(user) : null,
    ]);
    return { learner, overview };
  }

  private async overview(user: AuthUser): Promise<HomeOverviewDto | null> {
    const scope = await this.access.scopeOf(user);
    if (scope.kind === 'none' || scope.kind === 'person') return null;
    const now = this.clock.now();
    const year = Number(vietnamDate(now).slice(0, 4));
    // The heat map's read: one aggregate of the coverage counters per target, the top unit and its children.
    const [matrix, rounds, lowScorers] = await Promise.all([this.coverage.matrix(user), this.repo.openRounds(scope, now), this.repo.lowScorers(scope, year)]);
    const [top, ...children] = matrix.rows;
    const targets = matrix.targets.map((t, i) => {
      const cell = top.cells[i];
      return {
        targetId: t.id, name: t.name, shortName: t.shortName, year: cell.year, counts: t.kind,
        eligible: cell.eligible, covered: cell.covered, missing: cell.eligible - cell.covered, pct: cell.pct, thresholdPct: t.thresholdPct, status: cell.status,
      };
    });
    const unitsBehind: HomeUnitBehindDto[] = [];
    for (const row of children) {
      let worst: HomeUnitBehindDto | null = null;
      row.cells.forEach((cell, i) => {
        const t = matrix.targets[i];
        if (!cell.applies || cell.eligible === 0 || cell.pct >= t.thresholdPct) return;
        const gap = t.thresholdPct - cell.pct;
        if (!worst || gap > worst.thresholdPct - worst.pct)
          worst = { unitId: row.unitId, unitName: row.unitName, targetId: t.id, targetShortName: t.shortName, counts: t.kind, pct: cell.pct, thresholdPct: t.thresholdPct, missing: cell.eligible - cell.covered };
      });
      if (worst) unitsBehind.push(worst);
    }
    unitsBehind.sort((a, b) => b.thresholdPct - b.pct - (a.thresholdPct - a.pct) || b.missing - a.missing || compareVi(a.unitName, b.unitName));
    const level = roleScope(user.role);
    return {
      level: level === 'unit' ? 'unit' : level === 'province' ? 'province' : 'nation',
      unitId: matrix.unit.id,
      unitName: matrix.unit.name,
      targets,
      targetsBehind: targets.filter((t) => t.status === 'behind' || t.status === 'not_met').length,
      rounds: rounds.map((r) => ({ ...r, closesAt: r.closesAt.toISOString() })),
      lowScorers: { year, ...lowScorers },
      unitsBehind: unitsBehind.slice(0, UNITS_BEHIND_SHOWN),
    };
  }
}
