import Bowser from "bowser";

/** "Safari on iOS" from a User-Agent header, so people recognise their devices in settings. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const parser = Bowser.getParser(userAgent);
  const browser = parser.getBrowserName();
  const os = parser.getOSName();
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || "Unknown device";
}
