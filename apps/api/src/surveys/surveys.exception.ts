import { HttpStatus } from '@nestjs/common';
import { errorFactory } from '@api/common/errors';

export enum SurveysErrorCode {
  SurveyClosed = 'SURVEY_CLOSED',
  SurveyNotFound = 'SURVEY_NOT_FOUND',
  SurveyWindow = 'SURVEY_WINDOW',
  SurveyQuestionId = 'SURVEY_QUESTION_ID',
  SurveyOptions = 'SURVEY_OPTIONS',
  SurveyAudience = 'SURVEY_AUDIENCE',
  SurveyReferenceNotFound = 'SURVEY_REFERENCE_NOT_FOUND',
  SurveyAnswer = 'SURVEY_ANSWER',
  SurveyEmpty = 'SURVEY_EMPTY',
  SurveyAlreadyAnswered = 'SURVEY_ALREADY_ANSWERED',
}

export const surveysError = errorFactory<SurveysErrorCode>({
  [SurveysErrorCode.SurveyClosed]: HttpStatus.CONFLICT,
  [SurveysErrorCode.SurveyNotFound]: HttpStatus.NOT_FOUND,
  [SurveysErrorCode.SurveyWindow]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyQuestionId]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyOptions]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyAudience]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyReferenceNotFound]: HttpStatus.NOT_FOUND,
  [SurveysErrorCode.SurveyAnswer]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyEmpty]: HttpStatus.BAD_REQUEST,
  [SurveysErrorCode.SurveyAlreadyAnswered]: HttpStatus.CONFLICT,
});

