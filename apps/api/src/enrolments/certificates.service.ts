import { Injectable } from '@nestjs/common';
import { CertificateVerificationDto, normaliseVerificationCode } from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { renderCertificate } from './certificate-pdf';
import { certificateNotFound, notCompleted } from './enrolments.exception';
import { EnrolmentsRepository } from './enrolments.repository';
import { EnrolmentsService } from './enrolments.service';
import type { CourseCompletion } from './enrolment.entity';

const ISSUER = 'Sở Nội vụ tỉnh Khánh Hòa';

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

/** Certificates print from the completion snapshot, so they never change after the fact. */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly repo: EnrolmentsRepository,
    private readonly enrolments: EnrolmentsService,
  ) {}

  async pdf(user: AuthUser, courseId: string, origin: string): Promise<{ buffer: Buffer; fileName: string }> {
    const personId = this.enrolments.requirePerson(user);
    const completion = await this.repo.findCompletion(courseId, personId);
    if (!completion) throw notCompleted();
    const buffer = await renderCertificate({
      ...mapVerification(completion),
      completedAt: completion.completedAt,
      verifyUrl: `${origin}/verify/${completion.certificateCode}`,
      issuer: ISSUER,
    });
    return { buffer, fileName: `chung-nhan-${completion.certificateCode}.pdf` };
  }

  async verify(code: string): Promise<CertificateVerificationDto> {
    const normalised = normaliseVerificationCode(code);
    const completion = normalised ? await this.repo.findCompletionByCode(normalised) : null;
    if (!completion) throw certificateNotFound();
    return mapVerification(completion);
  }
}
