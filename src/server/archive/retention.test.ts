import { describe, expect, it } from 'vitest';
import { RETENTION_RULES, recordTypeOfDocumentKind, retentionFor } from './retention.ts';

describe('retention periods (P9)', () => {
  it('keeps the học bạ permanently under TT 27/2016/TT-BGDĐT', () => {
    expect(retentionFor('transcript')).toMatchObject({ years: null, label: 'Vĩnh viễn', confirmed: true });
    expect(retentionFor('transcript').legalBasis).toContain('27/2016/TT-BGDĐT');
  });

  it('gives every record type one rule with a legal basis, and a period no shorter than the record it supports', () => {
    const types = RETENTION_RULES.map((r) => r.recordType);
    expect(new Set(types).size).toBe(types.length);
    for (const r of RETENTION_RULES) {
      expect(r.legalBasis).toMatch(/Thông tư (27\/2016\/TT-BGDĐT|09\/2011\/TT-BNV)/);
      expect(r.label).toBe(r.years === null ? 'Vĩnh viễn' : `${r.years} năm`);
      if (!r.confirmed) expect(r.note).toMatch(/thận trọng|Giữ cùng/);
    }
    // The class book, its edit log and corrections support the học bạ: kept as long.
    for (const t of ['class_book', 'edit_log', 'correction_request', 'correction_evidence', 'audit_export'] as const) expect(retentionFor(t).years).toBeNull();
  });

  it('maps stored document kinds to record types, unknown kinds to other documents', () => {
    expect(recordTypeOfDocumentKind('class_book')).toBe('class_book');
    expect(recordTypeOfDocumentKind('report_book')).toBe('report_book');
    expect(recordTypeOfDocumentKind('something_new')).toBe('other_document');
  });
});
