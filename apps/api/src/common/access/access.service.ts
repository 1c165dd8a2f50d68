import { Injectable } from '@nestjs/common';
import { Role, roleScope } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { outOfScope } from '@api/common/errors';
import { AccessRepository } from './access.repository';
import { ContentScope, contentScopes, contentVisible, scopeAllows, scopes, UnitScope } from './unit-scope';
import { accessError, AccessErrorCode } from './access.exception';

/** Anything that sits somewhere in the unit tree (and may belong to one person). */
export interface Scoped {
  unitPath: string;
  personId?: string | null;
}

/**
 * The caller's own data only (their results, their attempts); `none` for an account without a person. A plain
 * function for services that need nothing else of AccessService (the exam path); `AccessService.ownScope` is the same.
 */
export function ownScopeOf(user: Pick<AuthUser, 'personId'>): UnitScope {
  return user.personId ? scopes.person(user.personId) : scopes.none();
}

/** The one helper that decides which units and people a caller may see and change. */
@Injectable()
export class AccessService {
  constructor(private readonly repo: AccessRepository) {}

  /**
   * Everything the caller may see: every province (national officer, administrator), their province's subtree
   * (coordinator), their unit's subtree (unit officer); nothing for anyone else, or for an account without a unit.
   */
  async scopeOf(user: AuthUser): Promise<UnitScope> {
    const kind = roleScope(user.role);
    if (kind === 'nation') return scopes.all();
    if (kind === 'province' && user.unitId) {
      const province = await this.repo.provinceOf(user.unitId);
      if (province) return scopes.subtree(province.id, province.path);
    }
    if (kind === 'unit' && user.unitId) {
      const path = await this.repo.unitPath(user.unitId);
      if (path) return scopes.subtree(user.unitId, path);
    }
    return scopes.none();
  }

  /**
   * The province whose content (targets, topics, questions, test rounds) the caller works on: the province of their
   * unit; null for the national level (an administrator makes national content).
   */
  async provinceOf(user: AuthUser): Promise<string | null> {
    if (roleScope(user.role) === 'nation' || !user.unitId) return null;
    return (await this.repo.provinceOf(user.unitId))?.id ?? null;
  }

  /**
   * Which content (targets, topics, questions, test rounds) the caller sees: everything for the national level; their
   * province's own and the nation's for anyone in a province; the nation's only for an account outside every province.
   */
  async contentScopeOf(user: AuthUser): Promise<ContentScope> {
    if (roleScope(user.role) === 'nation') return contentScopes.all();
    const province = user.unitId ? await this.repo.provinceOf(user.unitId) : null;
    return province ? contentScopes.province(province.id) : contentScopes.national();
  }

  /**
   * Who owns the content the caller creates: their province (null: the nation, for the national level and for an
   * author who belongs to no province). A coordinator or unit officer without a unit owns nothing: OUT_OF_SCOPE.
   */
  async contentOwnerOf(user: AuthUser): Promise<string | null> {
    const scope = await this.contentScopeOf(user);
    if (scope.kind === 'province') return scope.provinceId;
    if (scope.kind === 'all' || user.role === Role.Author) return null;
    throw outOfScope();
  }

  /**
   * Loads content by id: an unknown id or one owned by another province is the domain's 404 (a province learns nothing
   * about another's content); `write` also requires the caller to own it (the nation's content: the national level).
   */
  async requireContent<T extends { provinceId: string | null }>(
    user: AuthUser,
    id: string,
    find: (id: string) => Promise<T | null>,
    missing: () => Error,
    { write = false } = {},
  ): Promise<T> {
    const scope = await this.contentScopeOf(user);
    const found = await find(id);
    if (!found || !contentVisible(scope, found.provinceId)) throw missing();
    if (write) this.requireContentOwner(found.provinceId, await this.contentOwnerOf(user));
    return found;
  }

  /** Throws OUT_OF_SCOPE unless content owned by `provinceId` is the caller's to change (`owner`, from contentOwnerOf). */
  requireContentOwner(provinceId: string | null, owner: string | null): void {
    if (provinceId !== owner) throw outOfScope();
  }

  /** The caller's own data only (their results, their attempts); `none` for an account without a person. */
  ownScope(user: AuthUser): UnitScope {
    return ownScopeOf(user);
  }

  /** The scope of one unit and everything below it, after checking that the unit lies in the caller's scope. */
  async unitScope(user: AuthUser, unitId: string): Promise<UnitScope> {
    await this.requireUnit(user, unitId);
    return scopes.subtree(unitId, (await this.repo.unitPath(unitId))!);
  }

  /** The given unit's subtree when one is asked for, else everything the caller may see. */
  async scopeFor(user: AuthUser, unitId?: string | null): Promise<UnitScope> {
    return unitId ? this.unitScope(user, unitId) : this.scopeOf(user);
  }

  /** Throws OUT_OF_SCOPE unless the object (something carrying a unit path) lies in the scope. */
  require(scope: UnitScope, target: Scoped): void {
    if (!scopeAllows(scope, target)) throw outOfScope();
  }

  /** Whether the object lies in the scope (for marking rows, never for filtering a query's result). */
  allows(scope: UnitScope, target: Scoped): boolean {
    return scopeAllows(scope, target);
  }

  /**
   * Loads an object by id and checks it lies in the caller's scope. Scope first: a caller who may see no unit learns
   * nothing about which ids exist; an unknown id is the domain's 404, one outside the scope OUT_OF_SCOPE.
   */
  async requireFound<T extends Scoped>(
    user: AuthUser,
    id: string,
    find: (id: string) => Promise<T | null>,
    missing: () => Error,
    allows: (scope: UnitScope, found: T) => boolean = scopeAllows,
  ): Promise<{ found: T; scope: UnitScope }> {
    const scope = await this.scopeOf(user);
    if (scope.kind === 'none') throw outOfScope();
    const found = await find(id);
    if (!found) throw missing();
    if (!allows(scope, found)) throw outOfScope();
    return { found, scope };
  }

  /** Resolves the caller's scope and checks that the unit lies inside it. */
  async requireUnit(user: AuthUser, unitId: string): Promise<UnitScope> {
    // Scope first: a caller who may see no unit learns nothing about which ids exist.
    const scope = await this.scopeOf(user);
    if (scope.kind === 'none') throw outOfScope();
    const path = await this.repo.unitPath(unitId);
    if (!path) throw accessError(AccessErrorCode.UnitNotFound, 'Không tìm thấy đơn vị.');
    this.require(scope, { unitPath: path });
    return scope;
  }

  /** A person is visible to themself and to whoever manages their unit. */
  async requirePerson(user: AuthUser, personId: string, { allowSelf = false } = {}): Promise<UnitScope> {
    const scope = await this.scopeOf(user);
    const self = allowSelf && user.personId === personId;
    if (scope.kind === 'none' && !self) throw outOfScope();
    const path = await this.repo.personUnitPath(personId);
    if (!path) throw accessError(AccessErrorCode.PersonNotFound, 'Không tìm thấy cán bộ.');
    if (self) return scope;
    this.require(scope, { unitPath: path });
    return scope;
  }
}
