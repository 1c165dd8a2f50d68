import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';
import type { PackageProblem } from './manifest';

export enum PackagesErrorCode {
  NotPackage = 'PACKAGE_NOT_PACKAGE',
  ManifestBroken = 'PACKAGE_MANIFEST_BROKEN',
  Version = 'PACKAGE_VERSION',
  LaunchMissing = 'PACKAGE_LAUNCH_MISSING',
  Unsafe = 'PACKAGE_UNSAFE',
  TooLarge = 'PACKAGE_TOO_LARGE',
  Cmi5Invalid = 'PACKAGE_CMI5_INVALID',
  NoManifest = 'PACKAGE_NO_MANIFEST',
  FileRequired = 'PACKAGE_FILE_REQUIRED',
  WrongLessonKind = 'PACKAGE_WRONG_LESSON_KIND',
  NotUploaded = 'PACKAGE_NOT_UPLOADED',
  UnknownItem = 'PACKAGE_UNKNOWN_ITEM',
  UnknownAttempt = 'PACKAGE_UNKNOWN_ATTEMPT',
  ContentNotFound = 'PACKAGE_CONTENT_NOT_FOUND',
  ItemDisabled = 'PACKAGE_ITEM_DISABLED',
  NotWaivable = 'PACKAGE_NOT_WAIVABLE',
  NotReviewable = 'PACKAGE_NOT_REVIEWABLE',
}

export const packagesError = errorFactory<PackagesErrorCode>({
  [PackagesErrorCode.NotPackage]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.ManifestBroken]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.Version]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.LaunchMissing]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.Unsafe]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [PackagesErrorCode.Cmi5Invalid]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.NoManifest]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.FileRequired]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.WrongLessonKind]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.NotUploaded]: HttpStatus.NOT_FOUND,
  [PackagesErrorCode.UnknownItem]: HttpStatus.BAD_REQUEST,
  [PackagesErrorCode.ItemDisabled]: HttpStatus.CONFLICT,
  [PackagesErrorCode.NotWaivable]: HttpStatus.CONFLICT,
  [PackagesErrorCode.NotReviewable]: HttpStatus.CONFLICT,
  [PackagesErrorCode.UnknownAttempt]: HttpStatus.CONFLICT,
  [PackagesErrorCode.ContentNotFound]: HttpStatus.NOT_FOUND,
});

/** A refusal found while reading the archive or its manifest, as the API answers it. */
export const packageRefused = (problem: PackageProblem) => packagesError(problem.code as PackagesErrorCode, problem.message);
export const noManifest = () =>
  packagesError(PackagesErrorCode.NoManifest, 'Tệp .zip không phải gói bài giảng: không có imsmanifest.xml (SCORM) hoặc cmi5.xml (cmi5) ở thư mục gốc.');
export const packageFileRequired = () => packagesError(PackagesErrorCode.FileRequired, 'Vui lòng chọn tệp gói bài giảng (.zip) để tải lên.');
export const packageTooLarge = (mb: number) => packagesError(PackagesErrorCode.TooLarge, `Tệp gói quá lớn (tối đa ${mb} MB).`);
export const wrongLessonKind = () => packagesError(PackagesErrorCode.WrongLessonKind, 'Chỉ bài học loại "Bài giảng điện tử" mới nhận gói SCORM/cmi5.');
export const packageNotUploaded = () => packagesError(PackagesErrorCode.NotUploaded, 'Bài học này chưa có gói bài giảng.');
export const unknownItem = () => packagesError(PackagesErrorCode.UnknownItem, 'Mục này không có trong gói bài giảng (gói có thể vừa được thay).');
export const contentNotFound = () => packagesError(PackagesErrorCode.ContentNotFound, 'Không tìm thấy nội dung (liên kết đã hết hạn; hãy mở lại bài học).');
