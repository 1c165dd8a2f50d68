import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum OrgUnitErrorCode {
  NotFound = 'UNIT_NOT_FOUND',
  CodeTaken = 'UNIT_CODE_TAKEN',
  ParentRequired = 'UNIT_PARENT_REQUIRED',
  ParentInactive = 'UNIT_PARENT_INACTIVE',
  Inactive = 'UNIT_INACTIVE',
  MoveIntoOwnSubtree = 'UNIT_MOVE_INTO_OWN_SUBTREE',
  NotEmpty = 'UNIT_NOT_EMPTY',
  MergeIntoItself = 'UNIT_MERGE_INTO_ITSELF',
  MergeAncestor = 'UNIT_MERGE_ANCESTOR',
  RootImmutable = 'UNIT_ROOT_IMMUTABLE',
  /** Units, people and their staff codes belong to one province: a unit cannot move or merge into another one. */
  CrossProvince = 'UNIT_CROSS_PROVINCE',
  /** Directly under the national root there are provinces only. */
  ProvinceLevel = 'UNIT_PROVINCE_LEVEL',
}

const STATUS: Record<OrgUnitErrorCode, HttpStatus> = {
  [OrgUnitErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [OrgUnitErrorCode.CodeTaken]: HttpStatus.CONFLICT,
  [OrgUnitErrorCode.ParentRequired]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.ParentInactive]: HttpStatus.CONFLICT,
  [OrgUnitErrorCode.Inactive]: HttpStatus.CONFLICT,
  [OrgUnitErrorCode.MoveIntoOwnSubtree]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.NotEmpty]: HttpStatus.CONFLICT,
  [OrgUnitErrorCode.MergeIntoItself]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.MergeAncestor]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.RootImmutable]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.CrossProvince]: HttpStatus.BAD_REQUEST,
  [OrgUnitErrorCode.ProvinceLevel]: HttpStatus.BAD_REQUEST,
};

/** One factory: the status comes from the code, never from the call site. */
export const orgUnitError = errorFactory<OrgUnitErrorCode>(STATUS);
