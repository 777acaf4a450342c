import { z } from 'zod';

export const roleSchema = z.enum(['owner', 'manager', 'agent']);
export type Role = z.infer<typeof roleSchema>;

/** What an agent may see: every contact, their teams' contacts, or only contacts assigned to them. */
export const accessLevelSchema = z.enum(['all', 'team', 'assigned']);
export type AccessLevel = z.infer<typeof accessLevelSchema>;

/** Workspace areas an owner can take away from a manager. */
export const managerRestrictionSchema = z.enum([
  'workspace_settings',
  'contact_deletion',
  'data_export',
  'integrations',
]);
export type ManagerRestriction = z.infer<typeof managerRestrictionSchema>;

export const localeSchema = z.enum(['es', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const loginRequestSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});

export const passwordSchema = z.string().min(8, 'password_too_short').max(1024);

export const forgotPasswordRequestSchema = z.object({ email: z.string().trim().min(3).max(320) });
export const resetPasswordRequestSchema = z.object({ token: z.string().min(10), password: passwordSchema });
/** A new account gives a name and chooses a password; an existing account proves its current password. */
export const acceptInviteRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  password: passwordSchema,
});

export const workspaceSummarySchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
});

export const membershipSchema = z.object({
  workspace: workspaceSummarySchema,
  role: roleSchema,
  accessLevel: accessLevelSchema,
  restrictions: z.array(managerRestrictionSchema),
});

export const userSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  locale: localeSchema.nullable(),
  notifications: z.object({ browser: z.boolean(), sound: z.boolean() }),
});

export const meResponseSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const updateMeRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  locale: localeSchema.optional(),
  notifications: z.object({ browser: z.boolean().optional(), sound: z.boolean().optional() }).optional(),
});
export type UpdateMeRequest = z.infer<typeof updateMeRequestSchema>;

export const csrfResponseSchema = z.object({ token: z.string() });

/** Every API error has this shape. `code` is stable and machine-readable; `message` is English prose. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;
