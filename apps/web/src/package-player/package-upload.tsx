import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PACKAGE_STANDARD_LABELS } from '@cchc/shared';
import { ErrorMessage, Loading } from '../components/error-message';
import { useT } from '../i18n/i18n';
import { queryKeys } from '../query-keys';
import { getPackageSummary, uploadPackage } from './api';

const MB = 1024 * 1024;

/** The author's side of a package lesson: the current package (structure, size) and the upload of a new one. */
export function PackageUpload({ lessonId, maxMb = 200 }: { lessonId: string; maxMb?: number }) {
  const { t, formatNumber } = useT();
  const client = useQueryClient();
  const summary = useQuery({ queryKey: queryKeys.authoring.package(lessonId), queryFn: ({ signal }) => getPackageSummary(lessonId, signal) });
  const upload = useMutation({
    mutationFn: (file: File) => uploadPackage(lessonId, file),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: queryKeys.authoring.all }), client.invalidateQueries({ queryKey: queryKeys.learning.all })]);
    },
  });
  const p = summary.data;
  return (
    <div className="form" data-testid="package-upload">
      <h3>{t('package.upload')}</h3>
      {summary.isPending && <Loading />}
      <ErrorMessage error={summary.error} />
      {p && (
        <>
          <p data-testid="package-current">
            {t('package.current', { name: p.fileName, standard: PACKAGE_STANDARD_LABELS[p.standard], files: p.fileCount, size: `${formatNumber(Math.round((p.totalBytes / MB) * 10) / 10)} MB` })}
          </p>
          <ol className="small">
            {p.items.map((i) => (
              <li key={i.id} style={{ marginInlineStart: `${i.depth}em` }}>
                {i.launchable ? i.title : <strong>{i.title}</strong>}
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="muted small">{t('package.uploadHint', { size: maxMb })}</p>
      <input
        type="file"
        accept=".zip,application/zip"
        aria-label={t('package.upload')}
        data-testid="package-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {upload.isPending && <p className="loading">{t('package.uploading')}</p>}
      {upload.isSuccess && <p className="alert alert-success">{t('package.uploaded')}</p>}
      <ErrorMessage error={upload.error} />
    </div>
  );
}
