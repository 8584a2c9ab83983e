// The vocabulary of the synthetic benchmark corpus: domains with the error prefixes their tools
// print, and the phrases entries are written from, so generated entries read like the shipped ones.
export interface DomainWords {
  readonly domain: string;
  /** What the tool prints before the message, e.g. "ModuleNotFoundError". */
  readonly prefixes: readonly string[];
  readonly categories: readonly string[];
  readonly product: string;
}

export const DOMAINS: readonly DomainWords[] = [
  { domain: "node", prefixes: ["Error", "TypeError", "Error [ERR_MODULE_NOT_FOUND]", "SyntaxError"], categories: ["module_system", "runtime_error", "network_error"], product: "Node.js" },
  { domain: "python", prefixes: ["ModuleNotFoundError", "ImportError", "ValueError", "KeyError", "AttributeError"], categories: ["import_error", "type_error", "packaging"], product: "Python" },
  { domain: "git", prefixes: ["fatal", "error", "hint"], categories: ["merge_conflict", "remote_error", "auth_error"], product: "Git" },
  { domain: "docker", prefixes: ["Error response from daemon", "docker: Error", "ERROR"], categories: ["permission_error", "network_error", "build_error"], product: "Docker" },
  { domain: "npm", prefixes: ["npm ERR!", "npm error", "npm WARN"], categories: ["dependency_resolution", "registry_error", "install_error"], product: "npm" },
  { domain: "api", prefixes: ["HTTP 401 Unauthorized", "HTTP 429 Too Many Requests", "HTTP 503 Service Unavailable", "invalid_request"], categories: ["auth_error", "rate_limit", "server_error"], product: "HTTP APIs" },
  { domain: "java", prefixes: ["java.lang.NullPointerException", "java.lang.ClassNotFoundException", "Exception in thread \"main\""], categories: ["runtime_error", "classpath", "memory_error"], product: "Java" },
  { domain: "go", prefixes: ["panic", "go: error", "build failed"], categories: ["module_system", "runtime_error", "build_error"], product: "Go" },
  { domain: "rust", prefixes: ["error[E0382]", "error[E0499]", "error: linking with `cc` failed"], categories: ["borrow_checker", "build_error", "linker_error"], product: "Rust" },
  { domain: "kubernetes", prefixes: ["Error from server (Forbidden)", "Back-off restarting failed container", "Warning FailedScheduling"], categories: ["scheduling", "permission_error", "crash_loop"], product: "Kubernetes" },
  { domain: "aws", prefixes: ["An error occurred (AccessDenied)", "An error occurred (ThrottlingException)", "botocore.exceptions.NoCredentialsError"], categories: ["auth_error", "rate_limit", "configuration_error"], product: "AWS" },
  { domain: "postgres", prefixes: ["ERROR", "FATAL", "psql: error"], categories: ["connection_error", "constraint_violation", "auth_error"], product: "PostgreSQL" },
  { domain: "mysql", prefixes: ["ERROR 1045 (28000)", "ERROR 2002 (HY000)", "ERROR 1213 (40001)"], categories: ["auth_error", "connection_error", "locking"], product: "MySQL" },
  { domain: "redis", prefixes: ["(error) MOVED", "(error) OOM", "Redis::CannotConnectError"], categories: ["cluster_error", "memory_error", "connection_error"], product: "Redis" },
  { domain: "nginx", prefixes: ["nginx: [emerg]", "nginx: [error]", "upstream timed out"], categories: ["configuration_error", "proxy_error", "tls_error"], product: "nginx" },
  { domain: "webpack", prefixes: ["Module not found: Error", "ERROR in", "Module build failed"], categories: ["build_error", "module_system", "loader_error"], product: "webpack" },
  { domain: "terraform", prefixes: ["Error: Error acquiring the state lock", "Error: Invalid provider configuration", "Error: Unsupported argument"], categories: ["state_error", "configuration_error", "provider_error"], product: "Terraform" },
  { domain: "ssh", prefixes: ["Permission denied (publickey)", "ssh: connect to host", "Host key verification failed"], categories: ["auth_error", "network_error", "configuration_error"], product: "OpenSSH" },
  { domain: "react", prefixes: ["Warning: Each child in a list", "Error: Minified React error", "Uncaught Error"], categories: ["render_error", "hooks_error", "hydration"], product: "React" },
  { domain: "gradle", prefixes: ["FAILURE: Build failed with an exception", "Could not resolve all files", "Execution failed for task"], categories: ["build_error", "dependency_resolution", "configuration_error"], product: "Gradle" },
  { domain: "dotnet", prefixes: ["System.InvalidOperationException", "error CS0246", "Unhandled exception. System.IO.FileNotFoundException"], categories: ["runtime_error", "build_error", "configuration_error"], product: ".NET" },
  { domain: "ruby", prefixes: ["LoadError", "NoMethodError", "Bundler::GemNotFound"], categories: ["import_error", "runtime_error", "dependency_resolution"], product: "Ruby" },
  { domain: "php", prefixes: ["PHP Fatal error", "PHP Warning", "Uncaught Error"], categories: ["runtime_error", "configuration_error", "memory_error"], product: "PHP" },
  { domain: "linux", prefixes: ["bash", "Segmentation fault", "error while loading shared libraries"], categories: ["permission_error", "linker_error", "resource_limit"], product: "Linux" },
];

/** Pairs of verb phrases that say the same failure two ways; regex alternations choose between them. */
export const FAILURES: readonly (readonly [string, string])[] = [
  ["cannot find module", "could not locate module"],
  ["failed to load", "unable to load"],
  ["permission denied while opening", "access denied to"],
  ["connection refused by", "could not connect to"],
  ["timed out waiting for", "deadline exceeded for"],
  ["unexpected token in", "syntax error in"],
  ["no such file or directory for", "missing file for"],
  ["invalid configuration in", "bad config value in"],
  ["out of memory while building", "heap exhausted while building"],
  ["rejected the update of", "refused to update"],
  ["lock already held on", "could not acquire lock on"],
  ["certificate verify failed for", "TLS handshake failed for"],
  ["too many requests to", "rate limit exceeded for"],
  ["version conflict with", "incompatible version of"],
  ["undefined symbol in", "unresolved reference in"],
];

export const OBJECTS = ["package", "service", "module", "table", "bucket", "cluster", "volume", "branch", "token", "socket", "plugin", "schema", "queue", "image", "endpoint"];

export const SUBJECTS = [
  "the installed version", "a stale cache", "the configuration file", "the CI runner", "a transitive dependency", "the proxy in front of the service",
  "the container's user", "an expired credential", "the lock file", "a second process", "the default timeout", "the system package manager",
  "the build cache", "the network policy", "a missing environment variable", "the upstream registry", "an older runtime", "the file permissions",
];

export const VERBS = [
  "rejects", "overrides", "hides", "outlives", "conflicts with", "depends on", "silently replaces", "cannot reach", "keeps", "ignores", "caches", "locks",
];

export const CONSEQUENCES = [
  "so every retry fails in the same way until the cause is removed",
  "which is why the error comes back after a restart",
  "and the message names the symptom rather than the cause",
  "so the tool stops before it writes anything",
  "which only shows up on machines that were upgraded in place",
  "and the fix depends on which of the two happened first",
  "so reinstalling fetches exactly the same broken version",
  "which the default log level does not print",
];

export const ACTIONS = [
  "Restart the service", "Delete the cache folder and retry", "Reinstall the package", "Run the command with sudo", "Increase the timeout",
  "Upgrade to the latest version", "Disable the firewall", "Clear the lock file", "Switch to another mirror", "Rebuild the image without cache",
  "Pin the previous version", "Set the environment variable explicitly", "Regenerate the credentials", "Run the migration again",
  "Move the project to a shorter path", "Remove the conflicting dependency",
];

export const COMMANDS = [
  "`npm ci --prefer-offline`", "`pip install --upgrade pip`", "`git fetch --all --prune`", "`docker system prune -af`", "`kubectl describe pod`",
  "`terraform force-unlock`", "`ssh -vvv host`", "`rm -rf node_modules`", "`export NODE_OPTIONS=--max-old-space-size=4096`", "`systemctl restart docker`",
  "`psql -h localhost -U postgres`", "`go mod tidy`", "`cargo clean`", "`bundle install`", "`gradle --refresh-dependencies`",
];

export const CONDITIONS = ["", "", "", "when the project uses a monorepo", "on Windows runners", "behind a corporate proxy", "after a major upgrade", "in containers that run as root"];

export const OS_NAMES = ["windows", "macos", "linux", "alpine"];

export const TAG_WORDS = ["network", "auth", "cache", "build", "install", "permissions", "timeout", "config", "upgrade", "ci", "docker", "memory", "tls", "locking", "modules", "registry"];

export const ZH_PHRASES = [
  "无法加载模块", "连接被拒绝", "权限不足", "请求超时", "配置文件无效", "依赖版本冲突", "证书校验失败", "锁已被占用", "内存不足", "找不到文件",
  "请升级到最新版本", "删除缓存后重试", "检查环境变量", "重新生成凭据", "固定上一个版本", "以普通用户身份运行",
];

export const SOURCE_HOSTS = ["https://github.com/example/project/issues/", "https://stackoverflow.com/questions/", "https://docs.example.com/errors/", "https://discuss.example.org/t/"];
