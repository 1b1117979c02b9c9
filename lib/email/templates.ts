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

/**
 * An enquiry ended without a report (failed, or consent never came). Only a link and the enquiry's
 * short id: no applicant name, ID number or reason text that could carry either.
 */
export function enquiryEndedMessage(to: string, name: string, enquiryId: string, outcome: "failed" | "expired", link: string): EmailMessage {
  const short = enquiryId.slice(0, 8);
  const what =
    outcome === "failed"
      ? `Enquiry ${short} could not be completed.`
      : `Enquiry ${short} expired: the applicant did not give consent within 7 days, so TPN was not contacted.`;
  return {
    to,
    subject: outcome === "failed" ? "Your TenantLens enquiry could not be completed" : "Your TenantLens enquiry expired",
    text: `Hi ${name},\n\n${what} Sign in to see why and what you can do next:\n${link}\n\nFor the applicant's privacy this email does not contain their details.\n— TenantLens`,
  };
}
