import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ACCEPTED_DOCUMENT_EXTENSIONS, DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS, DocumentStatus, DocumentType, type LibraryDocumentDto } from '@cchc/shared';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorMessage, Loading, SuccessMessage } from '../../components/error-message';
import { optionalText, requiredText } from '../../components/form';
import { Pager } from '../../components/pager';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { useT } from '../../i18n/i18n';
import type { DocumentFields } from '../api';
import { DocumentMetaLine } from '../components/document-meta';
import { TopicSelect } from '../../topics/components/topic-select';
import { useDeleteDocument, useDocument, useDocumentSearch, useUpdateDocument, useUploadDocument } from '../use-library';
import { useConfirm } from '../../components/confirm-dialog';

const PAGE_SIZE = 20;

function readFields(form: FormData): DocumentFields {
  return {
    number: optionalText(form, 'number') ?? null,
    title: requiredText(form, 'title'),
    issuer: optionalText(form, 'issuer') ?? null,
    issuedOn: optionalText(form, 'issuedOn') ?? null,
    effectiveOn: optionalText(form, 'effectiveOn') ?? null,
    topicId: optionalText(form, 'topicId') ?? null,
    type: form.get('type') as DocumentType,
    summary: optionalText(form, 'summary') ?? null,
  };
}

function MetadataInputs({ doc, prefix }: { doc?: LibraryDocumentDto; prefix: string }) {
  const { t, label } = useT();
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <div className="field">
        <label htmlFor={id('title')}>{t('library.docTitle')}</label>
        <input id={id('title')} name="title" defaultValue={doc?.title} required minLength={3} maxLength={500} data-testid={`${prefix}-title`} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id('number')}>
            {t('library.number')} <span className="muted">{t('common.optional')}</span>
          </label>
          <input id={id('number')} name="number" defaultValue={doc?.number ?? ''} placeholder="1718/QĐ-UBND" maxLength={100} spellCheck={false} data-testid={`${prefix}-number`} />
        </div>
        <div className="field">
          <label htmlFor={id('type')}>{t('library.type')}</label>
          <select id={id('type')} name="type" defaultValue={doc?.type ?? DocumentType.LegalDocument} data-testid={`${prefix}-type`}>
            {Object.values(DocumentType).map((type) => (
              <option key={type} value={type}>
                {label(DOCUMENT_TYPE_LABELS[type])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('issuer')}>
          {t('library.issuer')} <span className="muted">{t('common.optional')}</span>
        </label>
        <input id={id('issuer')} name="issuer" defaultValue={doc?.issuer ?? ''} placeholder="UBND tỉnh Khánh Hòa" maxLength={300} data-testid={`${prefix}-issuer`} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id('issuedOn')}>{t('library.issuedOn')}</label>
          <input id={id('issuedOn')} name="issuedOn" type="date" defaultValue={doc?.issuedOn ?? ''} data-testid={`${prefix}-issuedOn`} />
        </div>
        <div className="field">
          <label htmlFor={id('effectiveOn')}>{t('library.effectiveOn')}</label>
          <input id={id('effectiveOn')} name="effectiveOn" type="date" defaultValue={doc?.effectiveOn ?? ''} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('topicId')}>{t('library.field')}</label>
        <TopicSelect id={id('topicId')} name="topicId" defaultValue={doc?.topic?.id ?? ''} emptyLabel={t('library.noField')} testId={`${prefix}-topic`} />
      </div>
      <div className="field">
        <label htmlFor={id('summary')}>
          {t('library.summary')} <span className="muted">{t('common.optional')}</span>
        </label>
        <textarea id={id('summary')} name="summary" rows={3} defaultValue={doc?.summary ?? ''} maxLength={4000} />
      </div>
    </>
  );
}

function UploadForm() {
  const { t } = useT();
  const upload = useUploadDocument();
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || !file.name) return;
    upload.mutate(
      { fields: readFields(form), file },
      {
        onSuccess: (doc) => {
          setDone(t('library.uploaded', { title: doc.title }));
          formRef.current?.reset();
        },
      },
    );
  };

  return (
    <form ref={formRef} className="card form" onSubmit={onSubmit} data-testid="library-upload-form">
      <h2>{t('library.uploadTitle')}</h2>
      <div className="field">
        <label htmlFor="upload-file">{t('library.fileToUpload')}</label>
        <input id="upload-file" name="file" type="file" required accept={ACCEPTED_DOCUMENT_EXTENSIONS.join(',')} data-testid="upload-file" />
        <small className="muted">{t('library.acceptedFiles')}</small>
      </div>
      <MetadataInputs prefix="upload" />
      <ErrorMessage error={upload.error} />
      <SuccessMessage>{done}</SuccessMessage>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={upload.isPending} data-testid="upload-submit">
          {upload.isPending ? t('library.uploading') : t('library.upload')}
        </button>
      </div>
    </form>
  );
}

function EditDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t, label } = useT();
  const document = useDocument(id);
  const update = useUpdateDocument(id);
  const remove = useDeleteDocument();
  const doc = document.data;
  const [status, setStatus] = useState<DocumentStatus | null>(null);
  const [replacementQuery, setReplacementQuery] = useState('');
  const q = useDebouncedValue(replacementQuery.trim(), 300);
  const currentStatus = status ?? doc?.status ?? DocumentStatus.InForce;
  const candidates = useDocumentSearch({ q: q || undefined, status: DocumentStatus.InForce, page: 1, pageSize: 20 });
  const [askToConfirm, confirmDialog] = useConfirm();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const replacedById = optionalText(form, 'replacedById') ?? null;
    update.mutate({ ...readFields(form), status: currentStatus, replacedById: currentStatus === DocumentStatus.Replaced ? replacedById : null }, { onSuccess: onClose });
  };

  return (
    <Dialog title={t('library.editTitle')} onClose={onClose} testId="library-edit-dialog">
      {confirmDialog}
      {document.isPending && <Loading />}
      <ErrorMessage error={document.error} />
      {doc && (
        <form className="form" onSubmit={onSubmit}>
          <MetadataInputs doc={doc} prefix="edit" />
          <fieldset className="card">
            <legend>{t('library.status')}</legend>
            <div className="field">
              <label htmlFor="edit-status">{t('library.status')}</label>
              <select id="edit-status" value={currentStatus} onChange={(e) => setStatus(e.target.value as DocumentStatus)} data-testid="edit-status">
                {Object.values(DocumentStatus).map((s) => (
                  <option key={s} value={s}>
                    {label(DOCUMENT_STATUS_LABELS[s])}
                  </option>
                ))}
              </select>
            </div>
            {currentStatus === DocumentStatus.Replaced && (
              <>
                <div className="field">
                  <label htmlFor="edit-replacement-q">{t('library.findReplacement')}</label>
                  <input id="edit-replacement-q" type="search" value={replacementQuery} onChange={(e) => setReplacementQuery(e.target.value)} placeholder={t('library.searchPlaceholderShort')} data-testid="edit-replacement-search" />
                </div>
                <div className="field">
                  <label htmlFor="edit-replacedById">{t('library.replacedBy')}</label>
                  <select id="edit-replacedById" name="replacedById" defaultValue={doc.replacedBy?.id ?? ''} key={`${q}-${candidates.dataUpdatedAt}`} data-testid="edit-replaced-by">
                    <option value="">{t('library.replacedByUnknown')}</option>
                    {doc.replacedBy && !candidates.data?.items.some((c) => c.id === doc.replacedBy!.id) && (
                      <option value={doc.replacedBy.id}>{[doc.replacedBy.number, doc.replacedBy.title].filter(Boolean).join(' — ')}</option>
                    )}
                    {candidates.data?.items
                      .filter((c) => c.id !== doc.id)
                      .map((c) => (
                        <option key={c.id} value={c.id}>
                          {[c.number, c.title].filter(Boolean).join(' — ')}
                        </option>
                      ))}
                  </select>
                </div>
              </>
            )}
          </fieldset>
          <ErrorMessage error={update.error ?? remove.error} />
          <DialogActions>
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={async () => {
                if (await askToConfirm({ title: t('library.confirmDelete', { title: doc.title }), danger: true })) remove.mutate(doc.id, { onSuccess: onClose });
              }}
              data-testid="edit-delete"
            >
              {t('library.delete')}
            </button>
            <button type="button" className="button button-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={update.isPending} data-testid="edit-save">
              {update.isPending ? t('common.saving') : t('common.save')}
            </button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}

/** For authors and coordinators: upload with metadata, correct metadata, mark a document replaced. */
export function LibraryManagePage() {
  const { t } = useT();
  const [params, setParams] = useSearchParams();
  const editing = params.get('edit');
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(text.trim(), 350);
  const list = useDocumentSearch({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const data = list.data;

  return (
    <section className="page" data-testid="library-manage-page">
      <div className="page-header">
        <h1>{t('library.manageTitle')}</h1>
        <Link to="/library" className="button button-ghost">
          {t('library.backToSearch')}
        </Link>
      </div>
      <div className="manage-grid">
        <UploadForm />
        <div>
          <div className="card">
            <label htmlFor="manage-q">{t('library.searchLabel')}</label>
            <input id="manage-q" type="search" value={text} onChange={(e) => { setText(e.target.value); setPage(1); }} placeholder={t('library.searchPlaceholderShort')} data-testid="manage-search" />
          </div>
          {list.isPending && <Loading />}
          <ErrorMessage error={list.error} />
          {data && data.items.length === 0 && <p className="empty">{t('library.empty')}</p>}
          <ul className={`doc-list${list.isPlaceholderData ? ' is-stale' : ''}`} data-testid="manage-results">
            {data?.items.map((doc) => (
              <li key={doc.id} className="card doc-card" data-testid="manage-row">
                <Link to={`/library/${doc.id}`} className="doc-title">
                  {doc.title}
                </Link>
                <DocumentMetaLine doc={doc} />
                <div className="button-row">
                  <button type="button" className="button button-small" onClick={() => setParams({ edit: doc.id })} data-testid="manage-edit">
                    {t('library.edit')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {data && data.total > data.pageSize && <Pager page={page} pageSize={data.pageSize} total={data.total} onPage={setPage} />}
        </div>
      </div>
      {editing && <EditDialog id={editing} onClose={() => setParams({})} />}
    </section>
  );
}
