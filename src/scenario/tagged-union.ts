import { z } from 'zod';
import { zodErrorMap } from './errors.js';

/**
 * The rest of an item whose tag is missing or unknown, checked in the same pass.
 *
 * A discriminated union (a workload's `arrivals`, a profile's `type`) stops at its tag: with
 * `arrivals: poison` zod reports the tag and nothing else, so a misspelt field in the same
 * item shows only after the tag is fixed. Used as a refinement that runs even when the
 * union failed, this checks such an item against every field any option has: a field no
 * option knows is reported as unknown (with a did-you-mean), and every known field's value
 * is checked. Fields stay optional here: which ones are required depends on the tag.
 *
 *   z.discriminatedUnion('arrivals', OPTIONS)
 *     .superRefine(checkUntaggedItem('arrivals', OPTIONS), { when: () => true })
 */
export function checkUntaggedItem(tag: string, options: readonly z.ZodObject[]) {
  const tags = options.map((option) => (option.shape[tag] as z.ZodLiteral).value);
  const anyOption = anyOptionSchema(tag, options);
  return (value: unknown, ctx: z.RefinementCtx): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    if (tags.includes((value as Record<string, unknown>)[tag] as never)) return;
    const result = anyOption.safeParse(value, { error: zodErrorMap, reportInput: true });
    for (const issue of result.error?.issues ?? []) ctx.addIssue(issue as never);
  };
}

/** A strict object with every option's fields, each optional, and the tag as anything. */
function anyOptionSchema(tag: string, options: readonly z.ZodObject[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const option of options) {
    for (const [key, field] of Object.entries(option.shape)) {
      shape[key] ??= key === tag ? z.unknown() : (field as z.ZodType).optional();
    }
  }
  return z.strictObject(shape);
}
