import type { EmailMessage } from "./send-email";
import { env } from "@/lib/env";

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

/** Sent to the address a signed-in user wants to move to: confirming it proves they control it. */
export function confirmEmailChangeMessage(to: string, name: string, link: string): EmailMessage {
  return {
    to,
    subject: "Confirm this is your new TenantLens email",
    text: `Hi ${name},\n\nYou asked to use this address for your TenantLens account. Confirm this is your new TenantLens email:\n${link}\n\nThe link works once and expires in 24 hours. Until you confirm, you keep signing in with your current address; afterwards you sign in with this one and every session is signed out.${footer}`,
  };
}

/** Sent instead of the confirmation when the requested address already has an account of its own. */
export function emailChangeTakenMessage(to: string): EmailMessage {
  return {
    to,
    subject: "Someone tried to move a TenantLens account to your email",
    text: `Someone tried to move a TenantLens account to this email address, which already has a TenantLens account. Nothing has changed, and the other account was not told whose this address is.\n\nIf it was you: this address already has its own account. Sign in with it at ${new URL("/sign-in", env.APP_URL).toString()}, or move the other account to a different address.${footer}`,
  };
}

/** Sent to the old address once the change is done, so a takeover does not go unnoticed. */
export function emailChangedMessage(to: string, name: string, newEmail: string): EmailMessage {
  return {
    to,
    subject: "Your TenantLens email was changed",
    text: `Hi ${name},\n\nYour TenantLens email was changed to ${newEmail}. From now on you sign in with that address, and every session was signed out.\n\nIf this wasn't you, contact TenantLens support straight away: someone may have taken over your account.\n— TenantLens`,
  };
}
