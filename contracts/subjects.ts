/**
 * The response extension in which a department reports the pseudonymous ids of the persons
 * whose personal information it returned; the gateway moves them into the access record.
 */
export const SUBJECTS_EXTENSION = 'subjects';

/** The subjects a department may report in one response: more is refused as malformed. */
export const MAX_SUBJECTS_PER_RESPONSE = 100_000;

/** A subject id: a `Person.id` key. */
export const SUBJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a reported value is a well-formed subjects list (judged whole). */
export function isSubjectList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MAX_SUBJECTS_PER_RESPONSE &&
    value.every((id) => typeof id === 'string' && SUBJECT_ID.test(id))
  );
}
