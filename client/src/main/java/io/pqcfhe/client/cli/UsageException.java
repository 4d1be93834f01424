package io.pqcfhe.client.cli;

/** A command line the command cannot run: reported in one line with the usage, exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message, null, false, false);
  }
}
