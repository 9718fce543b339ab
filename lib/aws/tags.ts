/** The rules AWS applies to every tag: count, lengths, characters and the reserved prefix. */

/**
 * The rules every AWS service that takes tags applies. The character set is the one the tagging APIs
 * (Direct Connect, EFS, Resource Groups Tagging) enforce, `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: EC2 accepts more,
 * but the same provider `default_tags` also tag IAM roles, KMS keys, S3 buckets, Lambda functions and
 * Direct Connect interfaces, so a tag that breaks it fails the first apply of some resource.
 * https://docs.aws.amazon.com/directconnect/latest/APIReference/API_Tag.html (characters),
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html (50 user-defined tags, lengths, `aws:`)
 */
export const TAG_RULES = {
  maxTagsPerResource: 50,
  maxKeyLength: 128,
  maxValueLength: 256,
  /** Letters, separators (spaces), numbers and `_ . : / = + - @`. */
  characters: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  /** Reserved for AWS in keys, in any letter case; AWS's own `aws:` tags do not count against the 50. */
  reservedPrefix: /^aws:/i,
} as const;
