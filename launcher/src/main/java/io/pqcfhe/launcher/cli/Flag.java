package io.pqcfhe.launcher.cli;

/**
 * One {@code --name VALUE} option of a command. Every flag takes a value ({@code --name VALUE} or
 * {@code --name=VALUE}); {@code repeatable} flags may be given several times.
 */
public record Flag(String name, String valueName, String help, boolean repeatable) {
  public static Flag of(String name, String valueName, String help) {
    return new Flag(name, valueName, help, false);
  }

  public static Flag repeatable(String name, String valueName, String help) {
    return new Flag(name, valueName, help, true);
  }
}
