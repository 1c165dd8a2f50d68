import { Injectable } from '@nestjs/common';
import { CertificateSettingsDto, CertificateVerificationDto, normaliseVerificationCode } from '@cchc/shared';
import { AccessService, type UnitScope } from '@api/common/access';
import { SettingsRepository } from '@api/common/settings';
import type { CertificateSettingsRequest } from './dto/enrolment.dto';
import type { AuthUser } from '@api/common/auth';
import { renderCertificate } from './certificate-pdf';
import { certificateNotFound, notCompleted } from './enrolments.exception';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';
import type { CourseCompletion } from './enrolment.entity';


function mapVerification(c: CourseCompletion): CertificateVerificationDto {
  return {
    code: c.certificateCode,
    personName: c.personName,
    unitName: c.unitName,
    courseTitle: c.courseTitle,
    estimatedHours: c.estimatedHours,
    completedAt: c.completedAt.toISOString(),
  };
}

const settingsKey = (provinceId: string) => `certificate_settings:${provinceId}`;

/** Until the coordinator fills in the form: the province's Sở Nội vụ, its director's title, the name left blank to write in. */
export function defaultSettings(provinceName: string): CertificateSettingsDto {
  const place = provinceName.replace(/^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+/i, '').replace(/^(Tỉnh|Thành phố)\s+/i, '');
  return {
    issuerParent: provinceName ? (/^(UBND|Ủy ban nhân dân)/i.test(provinceName) ? provinceName : `UBND ${provinceName.replace(/^Tỉnh/, 'tỉnh')}`) : '',
    issuerName: 'Sở Nội vụ', place, signerTitle: 'GIÁM ĐỐC', signerAuthority: '', signerName: '', numberSuffix: 'GCN-SNV',
  };
}

/** Certificates print from the completion snapshot, so they never change after the fact. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly repo: EnrolmentsRepository,
    private readonly enrolments: EnrolmentsService,
    private readonly settingsRepo: SettingsRepository,
    private readonly access: AccessService,
  ) {}

  async pdf(user: AuthUser, courseId: string, origin: string): Promise<{ buffer: Buffer; fileName: string }> {
    const personId = this.enrolments.requirePerson(user);
    const own = this.access.ownScope(user);
    const completion = await this.repo.findCompletion(own, courseId, personId);
    if (!completion) throw notCompleted();
    const buffer = await renderCertificate({
      ...mapVerification(completion),
      completedAt: completion.completedAt,
      verifyUrl: `${origin}/verify/${completion.certificateCode}`,
      issuer: await this.settingsFor(own, personId),
    });
    return { buffer, fileName: `chung-nhan-${completion.certificateCode}.pdf` };
  }

  /** The settings of the caller's province (a coordinator's: the province they manage). */
  async settings(user: AuthUser): Promise<CertificateSettingsDto> {
    return this.settingsFor(this.access.ownScope(user), user.personId ?? null);
  }

  async saveSettings(user: AuthUser, req: CertificateSettingsRequest): Promise<CertificateSettingsDto> {
    const province = await this.repo.provinceOf(this.access.ownScope(user), user.personId ?? null);
    if (!province) throw certificateNotFound();
    const value: CertificateSettingsDto = {
      issuerParent: req.issuerParent, issuerName: req.issuerName, place: req.place, signerTitle: req.signerTitle.toLocaleUpperCase('vi'),
      signerAuthority: (req.signerAuthority ?? '').toLocaleUpperCase('vi'), signerName: req.signerName, numberSuffix: req.numberSuffix ?? '',
    };
    await this.settingsRepo.set(settingsKey(province.id), JSON.stringify(value));
    return value;
  }

  private async settingsFor(scope: UnitScope, personId: string | null): Promise<CertificateSettingsDto> {
    const province = await this.repo.provinceOf(scope, personId);
    const stored = province ? await this.settingsRepo.get(settingsKey(province.id)) : null;
    return stored ? { ...defaultSettings(province?.name ?? ''), ...(JSON.parse(stored) as Partial<CertificateSettingsDto>) } : defaultSettings(province?.name ?? '');
  }

  async verify(code: string): Promise<CertificateVerificationDto> {
    const normalised = normaliseVerificationCode(code);
    const completion = normalised ? await this.repo.findCompletionByCode(normalised) : null;
    if (!completion) throw certificateNotFound();
    return mapVerification(completion);
  }
}
