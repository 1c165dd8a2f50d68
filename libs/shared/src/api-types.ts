/** Shapes of the HTTP API's responses: the contract between apps/api and apps/web. */
import type { AccountHandoutDto } from './accounts/accounts';
import type { Role } from './auth/roles';
import type { UnitLevel, UnitStatus } from './org-units/unit-level';
import type { PersonCategory, PersonStatus, UnitChangeReason } from './people/person';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Every error body. `code` is stable for programs; `message` is Vietnamese for people. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface MeDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  personId: string | null;
  mustChangePassword: boolean;
}

export interface TokensDto {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: MeDto;
}

export interface HealthDto {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; latencyMs: number | null; embedded: boolean };
  /** The dependencies not answering (e.g. `['database']`); empty when all is well. */
  down: string[];
  /** What is wrong, in Vietnamese, when something is down. */
  message?: string;
  version: string;
  time: string;
}

/** GET /api/health/ready: may this node take traffic (database reachable, schema exactly this release's)? */
export interface ReadinessDto {
  status: 'ready' | 'not_ready';
  reason: string | null;
  role: 'web' | 'worker' | 'all';
  version: string;
}

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  personId: string | null;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  disabled: boolean;
}

export interface UnitDto {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  path: string;
  status: UnitStatus;
  mergedIntoId: string | null;
  /** Active people whose unit is exactly this one. */
  peopleCount: number;
  /** Active people in this unit and everything below it. */
  subtreePeopleCount: number;
}

export interface UnitDetailDto extends UnitDto {
  ancestors: { id: string; code: string; name: string }[];
  children: UnitDto[];
  closedAt: string | null;
}

export interface PersonListItemDto {
  id: string;
  staffCode: string;
  fullName: string;
  unitId: string;
  unitName: string;
  unitCode: string;
  category: PersonCategory;
  position: string | null;
  doesCchcWork: boolean;
  isLeader: boolean;
  status: PersonStatus;
}

export interface PersonUnitHistoryDto {
  unitId: string;
  unitCode: string;
  unitName: string;
  fromDate: string;
  toDate: string | null;
  reason: UnitChangeReason;
  note: string | null;
}

export interface PersonStatusHistoryDto {
  status: PersonStatus;
  fromDate: string;
  toDate: string | null;
  note: string | null;
}

export interface PersonDetailDto extends PersonListItemDto {
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  gender: 'male' | 'female' | null;
  userId: string | null;
  username: string | null;
  unitHistory: PersonUnitHistoryDto[];
  statusHistory: PersonStatusHistoryDto[];
  createdAt: string;
  updatedAt: string;
}

export interface ImportProblemDto {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportRowPreviewDto {
  row: number;
  staffCode: string;
  fullName: string;
  unitCode: string;
  action: 'create' | 'update' | 'unchanged' | 'error';
}

export interface ImportReportDto {
  fileName: string;
  totalRows: number;
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  problems: ImportProblemDto[];
  rows: ImportRowPreviewDto[];
  committed: boolean;
  /**
   * With the option "tạo tài khoản cho người mới": how many of the people the file creates get an account (those at
   * work); a row whose account cannot be made is listed in `problems` and nothing is written.
   */
  accountsToCreate?: number;
  /** After a commit with that option: the one-time handout of the new accounts (each format downloadable once). */
  handout?: AccountHandoutDto | null;
}

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  details: Record<string, unknown> | null;
}

export interface NotificationDto {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  /** A path inside the web client, e.g. /learning/courses/<id>. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationListDto {
  items: NotificationDto[];
  unread: number;
}
