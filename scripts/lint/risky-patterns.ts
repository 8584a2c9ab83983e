// Workaround texts that describe a fix which works but costs something: disabled checks, lost data,
// wider permissions. kb/workaround-risk requires such a workaround to say so (risk level and why),
// so a last resort never reads as equal to the safe fix. Each pattern names the least level it needs.
import type { Risk } from "../model/entry.ts";

export interface RiskyPattern {
  readonly pattern: RegExp;
  /** What the construct does, for the message. */
  readonly what: string;
  readonly least: Risk["level"];
}

export const RISKY_PATTERNS: readonly RiskyPattern[] = [
  { pattern: /--break-system-packages/i, what: "installs into the interpreter the OS package manager owns", least: "medium" },
  { pattern: /--legacy-peer-deps|legacy-peer-deps\s*=\s*true/i, what: "silences peer dependency checks", least: "medium" },
  { pattern: /(?:npm|yarn|pnpm|pip3?)\s(?!cache\s)[^\n`]*--force(?![-\w])/i, what: "overrides the package manager's conflict checks", least: "medium" },
  { pattern: /git\s+push\s[^\n`]*(?:--force(?:-with-lease)?|-f)(?![-\w])/i, what: "rewrites the remote branch's history", least: "medium" },
  { pattern: /git\s+reset\s+--hard|git\s+clean\s+-[a-z]*f|git\s+checkout\s+--\s+\.|git\s+restore\s+\./i, what: "discards local changes for good", least: "medium" },
  { pattern: /\brm\s[^\n`]*(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Cargo\.lock|go\.sum)/i, what: "deletes a lockfile, losing the pinned versions", least: "medium" },
  { pattern: /chmod\s+(?:-R\s+)?(?:0?[0-7]?[2367][67]|a\+w|o\+w|a\+rwx)/i, what: "makes a file writable by everyone", least: "high" },
  { pattern: /sudo\s+(?:-H\s+)?(?:pip3?|npm)\s/i, what: "runs a package manager as root", least: "medium" },
  { pattern: /verify\s*=\s*False|NODE_TLS_REJECT_UNAUTHORIZED\s*=?\s*['"]?0|rejectUnauthorized\s*:\s*false|sslVerify\s*=?\s*false|GIT_SSL_NO_VERIFY|strict-ssl\s*=?\s*false|\s(?:-k|--insecure)(?![-\w])|--trusted-host|--no-check-certificate|InsecureSkipVerify/i, what: "turns off TLS certificate verification", least: "high" },
  { pattern: /StrictHostKeyChecking\s*=?\s*no|UserKnownHostsFile\s*=?\s*\/dev\/null/i, what: "turns off SSH host key checking", least: "high" },
  { pattern: /--no-verify/i, what: "skips the repository's commit hooks", least: "low" },
  { pattern: /--privileged/i, what: "gives the container full access to the host", least: "medium" },
  { pattern: /usermod\s+-a?G\s+docker|gpasswd\s+-a\s+\S+\s+docker|--group-add[^\n`]*docker\.sock/i, what: "grants root-equivalent access through the Docker socket", least: "high" },
  { pattern: /\bSUPERUSER\b/, what: "grants superuser rights", least: "medium" },
  { pattern: /\bDROP\s+(?:TABLE|DATABASE|SCHEMA|OWNED)\b|\bTRUNCATE\b/, what: "deletes data", least: "high" },
  { pattern: /setenforce\s+0|ufw\s+disable|systemctl\s+(?:stop|disable)\s+firewalld/i, what: "turns off a security layer of the OS", least: "high" },
];

const ORDER: Record<Risk["level"], number> = { low: 0, medium: 1, high: 2 };

export function atLeast(level: Risk["level"], least: Risk["level"]): boolean {
  return ORDER[level] >= ORDER[least];
}

/** The risky constructs a text mentions, most severe first. */
export function riskyConstructs(text: string): RiskyPattern[] {
  return RISKY_PATTERNS.filter((p) => p.pattern.test(text)).sort((a, b) => ORDER[b.least] - ORDER[a.least]);
}
