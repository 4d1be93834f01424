package io.pqcfhe.launcher.cli;

/**
 * One option of a command. A flag takes a value ({@code --name VALUE} or {@code --name=VALUE}), except a
 * switch, which stands alone and means {@code true} ({@code --name=false} turns it off explicitly);
 * {@code repeatable} flags may be given several times.
 */
public record Flag(String name, String valueName, String help, boolean repeatable, boolean isSwitch) {
  public static Flag of(String name, String valueName, String help) {
    return new Flag(name, valueName, help, false, false);
  }

  public static Flag repeatable(String name, String valueName, String help) {
    return new Flag(name, valueName, help, true, false);
  }

  public static Flag toggle(String name, String help) {
    return new Flag(name, "", help, false, true);
  }
}
