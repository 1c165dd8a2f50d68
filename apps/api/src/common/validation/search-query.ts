import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { hasSearchableText, normalizeSearchQuery, SEARCH_QUERY_EMPTY_MESSAGE } from '@cchc/shared';

/**
 * A free-text search parameter (`q`), normalised at the edge: NFC, so decomposed Vietnamese searches exactly like
 * precomposed text; an absent or empty `q=` means "no search"; a query of only punctuation or spaces is a 400 with a
 * clear message, never the whole list. Every search box's query goes through here.
 */
export function SearchQuery(description = 'Words, with or without diacritics', maxLength = 200): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength }),
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : typeof value === 'string' ? normalizeSearchQuery(value) || ' ' : value)),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
    ValidateBy({
      name: 'hasSearchableText',
      validator: { validate: (value: unknown) => typeof value !== 'string' || hasSearchableText(value), defaultMessage: () => SEARCH_QUERY_EMPTY_MESSAGE },
    }),
  );
}
