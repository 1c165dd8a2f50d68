import type { PersonRecordDto } from '@cchc/shared';
import { api, downloadFile } from '../api/client';

const recordPath = (personId: string) => `/people/${encodeURIComponent(personId)}/record`;

export const getPersonRecord = (personId: string, signal?: AbortSignal) => api.get<PersonRecordDto>(recordPath(personId), {}, signal);

export const downloadRecordPdf = (personId: string, staffCode: string) =>
  downloadFile(`${recordPath(personId)}.pdf`, `ho-so-boi-duong-${staffCode.toLowerCase()}.pdf`);
