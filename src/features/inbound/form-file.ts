/** The file kinds a 意见反馈表 comes in, and the limit on what is read back. */
export const FORM_CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const FORM_MAX_MB = 5;
export const FORM_MAX_BYTES = FORM_MAX_MB * 1024 * 1024;
/** Uncompressed, a filled form is small; a zip that inflates past this is refused rather than read. */
export const FORM_MAX_INFLATED_BYTES = 20 * 1024 * 1024;
