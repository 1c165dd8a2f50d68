import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  cellText,
  ExistingPersonSnapshot,
  ImportReportDto,
  ImportUnit,
  mapHeader,
  normalizeStaffCode,
  Permission,
  roleHasPermission,
  StaffImportContext,
  StaffImportAccountProblemCode,
  staffColumn,
  type BulkAccountProblem,
  UnitChangeReason,
  UnitStatus,
  validateStaffRows,
  ValidStaffRow,
} from '@cchc/shared';
import { AccessService } from '@api/common/access';
import type { UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { forbidden } from '@api/common/errors';
import { AuditAction, AuditService } from '@api/audit';
import { OrgUnitsRepository } from '@api/org-units';
import { AccountsService } from '@api/accounts';
import { peopleError, PeopleErrorCode } from '../people.exception';
import { PeopleRepository, PersonRow } from '../people.repository';
import { personSearchText } from '../people.service';
import { readSpreadsheet, SpreadsheetError, spreadsheetError } from './spreadsheet';

export interface UploadedFile {
  fileName: string;
  buffer: Buffer;
}

export interface ImportOptions {
  /** "Tạo tài khoản cho người mới": every person the file creates (at work) gets an account, or nothing is written. */
  createAccounts?: boolean;
}

const ACCOUNT_PROBLEM_CODES: Record<BulkAccountProblem, StaffImportAccountProblemCode> = {
  // A staff code is required by the import, so "no staff code" cannot reach here; kept for a complete mapping.
  no_staff_code: StaffImportAccountProblemCode.StaffCodeUnusable,
  bad_staff_code: StaffImportAccountProblemCode.StaffCodeUnusable,
  username_taken: StaffImportAccountProblemCode.UsernameTaken,
  username_clash: StaffImportAccountProblemCode.UsernameClash,
};

/**
 * Staff list import: the dry run checks every row and says what would happen; the commit re-checks and writes
 * all rows in one transaction, or nothing. Rows are matched to people by staff code, so importing again updates.
 */
@Injectable()
export class PeopleImportService {
  constructor(
    private readonly db: DataSource,
    private readonly people: PeopleRepository,
    private readonly units: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
  ) {}

  async dryRun(user: AuthUser, file: UploadedFile, options: ImportOptions = {}): Promise<ImportReportDto> {
    const { report } = await this.validate(user, file, options, this.db.manager);
    return report;
  }

  async commit(user: AuthUser, file: UploadedFile, options: ImportOptions = {}): Promise<ImportReportDto> {
    return this.db.transaction(async (tx) => {
      // Validated again inside the transaction, against the data it will write over.
      const { report, rows } = await this.validate(user, file, options, tx);
      if (report.problems.length) {
        throw peopleError(PeopleErrorCode.ImportHasErrors, `Tệp có ${report.problems.length} lỗi; chưa có dòng nào được ghi. Hãy sửa các lỗi rồi nhập lại.`,
          report,
        );
      }
      const created = await this.write(rows, tx);
      const handout = options.createAccounts ? await this.accounts.createForNewPeople(user, created, tx) : undefined;
      await this.audit.record(
        user,
        {
          action: AuditAction.Import,
          entityType: 'person',
          summary:
            `Nhập danh sách cán bộ từ tệp "${file.fileName}": thêm ${report.toCreate}, cập nhật ${report.toUpdate}, không đổi ${report.unchanged}` +
            (options.createAccounts ? `; tạo ${handout?.accounts ?? 0} tài khoản cho người mới` : ''),
          details: {
            fileName: file.fileName,
            totalRows: report.totalRows,
            created: report.toCreate,
            updated: report.toUpdate,
            unchanged: report.unchanged,
            ...(options.createAccounts ? { accountsCreated: handout?.accounts ?? 0, handoutId: handout?.handoutId ?? null } : {}),
          },
        },
        tx,
      );
      return { ...report, committed: true, ...(options.createAccounts ? { accountsToCreate: handout?.accounts ?? 0, handout: handout ?? null } : {}) };
    });
  }

  private async validate(user: AuthUser, file: UploadedFile, options: ImportOptions, manager: EntityManager): Promise<{ report: ImportReportDto; rows: ValidStaffRow[] }> {
    if (options.createAccounts && !roleHasPermission(user.role, Permission.PeopleWrite)) throw forbidden('Bạn không có quyền tạo tài khoản cho cán bộ.');
    const scope = await this.access.scopeOf(user);
    const content = await readSpreadsheet(file.buffer, file.fileName).catch((e: unknown) => {
      if (e instanceof SpreadsheetError) throw spreadsheetError(e.code, e.message);
      throw e;
    });
    const header = mapHeader(content.header, content.headerRow);
    const empty = { fileName: file.fileName, totalRows: content.rows.length, toCreate: 0, toUpdate: 0, unchanged: 0, rows: [], committed: false };
    if (header.problems.length) return { report: { ...empty, problems: header.problems }, rows: [] };

    const context = await this.context(scope, await this.access.provinceOf(user), content.rows, header.columnIndex, manager);
    const result = validateStaffRows(content.rows, header.columnIndex, { ...context, today: this.clock.now() });
    const accounts = options.createAccounts ? await this.accountProblems(result.rows, manager) : null;
    if (accounts) result.problems = [...result.problems, ...accounts.problems].sort((a, b) => a.row - b.row);
    const count = (a: string) => result.rows.filter((r) => r.action === a).length;
    const problemRows = new Set(result.problems.map((p) => p.row));
    const validRows = new Set(result.rows.map((r) => r.row));
    const cell = (cells: unknown[], i: number | undefined) => (i === undefined ? '' : cellText(cells[i]));
    return {
      rows: result.rows,
      report: {
        ...empty,
        totalRows: result.totalRows,
        toCreate: count('create'),
        toUpdate: count('update'),
        unchanged: count('unchanged'),
        problems: result.problems,
        ...(accounts ? { accountsToCreate: accounts.toCreate } : {}),
        rows: [
          ...result.rows.map((r) => ({ row: r.row, staffCode: r.staffCode, fullName: r.fullName, unitCode: r.unitCode, action: r.action })),
          ...content.rows
            // A valid row refused only for its account is already listed above (as "create", marked by its problem).
            .filter((r) => problemRows.has(r.row) && !validRows.has(r.row))
            .map((r) => ({
              row: r.row,
              staffCode: cell(r.cells, header.columnIndex.staffCode),
              fullName: cell(r.cells, header.columnIndex.fullName),
              unitCode: cell(r.cells, header.columnIndex.unitCode),
              action: 'error' as const,
            })),
        ].sort((a, b) => a.row - b.row),
      },
    };
  }

  /** "Tạo tài khoản cho người mới": the rows the file creates whose account cannot be made, as problems of their staff code. */
  private async accountProblems(rows: ValidStaffRow[], manager: EntityManager) {
    const created = rows.filter((r) => r.action === 'create');
    const plan = await this.accounts.planForImport(
      created.map((r) => ({ row: r.row, staffCode: r.staffCode, fullName: r.fullName, unitId: r.unitId, status: r.status })),
      manager,
    );
    return {
      toCreate: plan.toCreate,
      problems: plan.problems.map((p) => ({
        row: p.row,
        column: staffColumn('staffCode').header,
        code: ACCOUNT_PROBLEM_CODES[p.problem],
        message: `Không tạo được tài khoản: ${p.message}`,
      })),
    };
  }

  /** Looks up only the units and people the file names, marking which lie inside the importer's scope. */
  private async context(
    scope: UnitScope,
    province: string | null,
    rows: { cells: unknown[] }[],
    columnIndex: Record<string, number | undefined>,
    manager: EntityManager,
  ): Promise<Omit<StaffImportContext, 'today'>> {
    const unitCodes = new Set<string>();
    const staffCodes = new Set<string>();
    for (const { cells } of rows) {
      const unitCode = columnIndex.unitCode !== undefined ? String(cells[columnIndex.unitCode] ?? '').trim() : '';
      const staffCode = columnIndex.staffCode !== undefined ? normalizeStaffCode(cells[columnIndex.staffCode]) : '';
      if (unitCode) unitCodes.add(unitCode.toUpperCase());
      if (staffCode) staffCodes.add(staffCode);
    }
    const units = await this.units.findByCodes([...unitCodes], manager);
    const unitsByCode = new Map<string, ImportUnit>(
      units.map((u) => [u.code.toUpperCase(), { id: u.id, inScope: this.access.allows(scope, { unitPath: u.path }), active: u.status === UnitStatus.Active }]),
    );
    const existing = await this.people.findByStaffCodes([...staffCodes], province, manager);
    const existingByStaffCode = new Map<string, ExistingPersonSnapshot>(existing.map((p) => [p.staffCode, snapshot(p, this.access.allows(scope, p))]));
    return { unitsByCode, existingByStaffCode };
  }

  /** Writes the rows; returns the ids of the people it created. */
  private async write(rows: ValidStaffRow[], tx: EntityManager): Promise<string[]> {
    const now = this.clock.now();
    const created: string[] = [];
    for (const row of rows) {
      if (row.action === 'unchanged') continue;
      const fields = {
        fullName: row.fullName,
        searchText: personSearchText(row.fullName, row.staffCode),
        category: row.category,
        position: row.position,
        email: row.email,
        phone: row.phone,
        dateOfBirth: row.dateOfBirth,
        gender: row.gender,
        doesCchcWork: row.doesCchcWork,
        isLeader: row.isLeader,
      };
      if (row.action === 'create') {
        created.push(await this.people.insert({ ...fields, staffCode: row.staffCode, unitId: row.unitId, status: row.status }, now, UnitChangeReason.Import, tx));
        continue;
      }
      const personId = row.personId!;
      // Only what the file changes: a column the file leaves out keeps the stored value.
      const patch = Object.fromEntries(Object.entries(fields).filter(([k]) => row.changedFields.includes(k as never)));
      if (row.changedFields.includes('fullName')) Object.assign(patch, { searchText: fields.searchText });
      if (Object.keys(patch).length) await this.people.update(personId, patch, tx);
      if (row.changedFields.includes('unitId')) await this.people.changeUnit(personId, row.unitId, now, UnitChangeReason.Import, 'Cập nhật từ tệp nhập danh sách', tx);
      if (row.changedFields.includes('status')) await this.people.changeStatus(personId, row.status, now, 'Cập nhật từ tệp nhập danh sách', tx);
    }
    return created;
  }
}

function snapshot(p: PersonRow, inScope: boolean): ExistingPersonSnapshot {
  return {
    id: p.id,
    staffCode: p.staffCode,
    inScope,
    fullName: p.fullName,
    unitId: p.unitId,
    category: p.category,
    position: p.position,
    doesCchcWork: p.doesCchcWork,
    isLeader: p.isLeader,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender,
    email: p.email,
    phone: p.phone,
    status: p.status,
  };
}
