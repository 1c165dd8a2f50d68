import { Injectable } from '@nestjs/common';
import { hasProvinceScope, Role } from '@cchc/shared';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../errors/app.exception';
import { outOfScope } from '../errors/common.exception';
import { AccessRepository } from './access.repository';
import { scopeAllowsPath, UnitScope } from './unit-scope';


/** The one helper that decides which units and people a caller may see and change. */
@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  async scopeOf(user: AuthUser): Promise<UnitScope> {
    if (hasProvinceScope(user.role)) return { kind: 'province' };
    if (user.role === Role.UnitOfficer && user.unitId) {
      const path = await this.repo.unitPath(user.unitId);
      if (path) return { kind: 'subtree', rootUnitId: user.unitId, path };
    }
    return { kind: 'none' };
  }

  /** Resolves the caller's scope and checks that the unit lies inside it. */
  async requireUnit(user: AuthUser, unitId: string): Promise<UnitScope> {
    // Scope first: a caller who may see no unit learns nothing about which ids exist.
    const scope = await this.scopeOf(user);
    if (scope.kind === 'none') throw outOfScope();
    const path = await this.repo.unitPath(unitId);
    if (!path) throw notFound('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị.');
    if (!scopeAllowsPath(scope, path)) throw outOfScope();
    return scope;
  }

  /** A person is visible to themself and to whoever manages their unit. */
  async requirePerson(user: AuthUser, personId: string, { allowSelf = false } = {}): Promise<UnitScope> {
    const scope = await this.scopeOf(user);
    const self = allowSelf && user.personId === personId;
    if (scope.kind === 'none' && !self) throw outOfScope();
    const path = await this.repo.personUnitPath(personId);
    if (!path) throw notFound('PERSON_NOT_FOUND', 'Không tìm thấy cán bộ.');
    if (self) return scope;
    if (!scopeAllowsPath(scope, path)) throw outOfScope();
    return scope;
  }
}
