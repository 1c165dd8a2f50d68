import type { richTextVi } from './rich-text';

/** English texts, in their own module so the Vietnamese-first main bundle does not carry them. */
export const richTextEn: Record<keyof typeof richTextVi, string> = {
  'rich.imageFailed': 'Image could not be loaded',
  'rich.review.chosen': 'Your choice',
  'rich.review.correct': 'Correct answer',
  'rich.review.feedback': 'Feedback',
  'rich.review.explanation': 'Explanation',
  'rich.format': 'Text format',
  'rich.format.plain': 'Plain text',
  'rich.format.html': 'Formatted (bold, italic, lists, tables, images)',
  'rich.format.help': 'Formatted questions are cleaned on the server: only bold, italic, underline, sub/superscript, lists, tables, links and stored images are kept.',
  'rich.format.toPlainConfirm': 'Switching to plain text drops all formatting and images of the question. Continue?',
  'rich.optionFeedback': 'Feedback when option {letter} is chosen',
  'rich.optionFeedbackHelp': 'Shown in the review, next to this option (never while the test is being taken).',
  'rich.underline': 'Underline',
  'rich.sub': 'Subscript',
  'rich.sup': 'Superscript',
  'rich.table': 'Insert table',
  'rich.image': 'Insert image',
  'rich.imageUploading': 'Uploading image…',
  'rich.preview': 'Preview as a learner sees it',
};
