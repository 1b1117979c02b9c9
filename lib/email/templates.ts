import type { EmailMessage } from "./send-email";

const footer = "\n\nIf you did not expect this email, you can ignore it.\n— TenantLens";

export function verifyEmailMessage(to: string, name: string, link: string): EmailMessage {
  return {
    to,
    subject: "Confirm your email address for TenantLens",
    text: `Hi ${name},\n\nConfirm your email address to start screening tenants:\n${link}\n\nThe link works once and expires in 24 hours.${footer}`,
  };
}

export function resetPasswordMessage(to: string, link: string): EmailMessage {
  return {
    to,
    subject: "Reset your TenantLens password",
    text: `Someone (hopefully you) asked to reset your TenantLens password. Choose a new one here:\n${link}\n\nThe link works once and expires in 30 minutes. Your current password keeps working until you change it.${footer}`,
  };
}

export function invitationMessage(to: string, organisationName: string, inviterName: string, link: string): EmailMessage {
  return {
    to,
    subject: `${inviterName} invited you to ${organisationName} on TenantLens`,
    text: `${inviterName} invited you to join ${organisationName} on TenantLens.\n\nAccept the invitation and set your password:\n${link}\n\nThe link expires in 7 days.${footer}`,
  };
}
