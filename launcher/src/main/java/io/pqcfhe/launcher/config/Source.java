package io.pqcfhe.launcher.config;

/** Where a setting's value came from, lowest precedence first. */
public enum Source {
  DEFAULT("embedded default"),
  FILE("configuration file"),
  ENVIRONMENT("environment"),
  COMMAND_LINE("command line");

  private final String description;

  Source(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
