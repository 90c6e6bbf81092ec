// The package's version, as `--version` prints it (a test keeps it equal to package.json's).
export const version = "0.0.0"
