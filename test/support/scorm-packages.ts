// Hand-built SCORM packages for API and browser tests (they live with the packages domain, whose unit tests use them too).
export { buildZip, cmi5AuPage, cmi5CourseXml, cmi5Zip, maliciousZip, SAMPLE_CMI5_AU, SAMPLE_CMI5_COURSE, scoPage, scorm12Manifest, scorm12Zip, scorm2004Manifest, scorm2004MultiScoZip, scorm2004SequencedZip } from '@api/packages';
export type { ZipFile } from '@api/packages';
