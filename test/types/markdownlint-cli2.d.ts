// markdownlint-cli2 ships JavaScript with JSDoc but no declarations; the one function the tests call.
declare module "markdownlint-cli2" {
  export function main(params: { directory?: string; argv?: string[]; logMessage?: (message: string) => void; logError?: (message: string) => void }): Promise<number>;
}
