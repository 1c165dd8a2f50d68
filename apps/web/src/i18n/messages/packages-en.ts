import type { packagesVi } from './packages';

/** English texts, in their own module so the Vietnamese-first main bundle does not carry them. */
export const packagesEn: Record<keyof typeof packagesVi, string> = {
  'package.contents': 'Contents',
  'package.loadingContent': 'Opening the e-lecture…',
  'package.notUploaded': 'This lesson has no package yet.',
  'package.previous': '‹ Previous',
  'package.next': 'Next ›',
  'package.status.completed': 'Completed',
  'package.status.passed': 'Passed',
  'package.status.failed': 'Failed',
  'package.status.incomplete': 'In progress',
  'package.status.notAttempted': 'Not started',
  'package.score': 'Score: {score}%',
  'package.saved': 'Progress saved on the server',
  'package.saving': 'Saving progress…',
  'package.queued': 'Offline: progress is kept on this device ({n} saves) and will be sent when the connection returns.',
  'package.refused': 'The server refused the progress: {message}',
  'package.preview': 'Preview: progress is not saved (the account has no person record).',
  'package.upload': 'E-lecture package (.zip SCORM 1.2, SCORM 2004, cmi5)',
  'package.uploadHint': 'Export the e-lecture from iSpring, ActivePresenter, Articulate… as SCORM and upload the .zip (at most {size} MB). A new package replaces the old one.',
  'package.current': 'Current package: {name} — {standard}, {files} files, {size}',
  'package.items': '{n} items',
  'package.uploading': 'Checking and unpacking the package…',
  'package.uploaded': 'Package uploaded.',
  'package.cmi5Choose': 'Choose a lesson in the contents to start.',
  'package.cmi5NeedsPerson': 'A cmi5 course needs an account linked to a person to record results.',
};
