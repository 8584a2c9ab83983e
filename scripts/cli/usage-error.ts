// A problem with how kb was called (a flag, a path, a config file): exit code 2 and one clear line,
// never a stack trace.
export class UsageError extends Error {}
