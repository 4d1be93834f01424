package io.pqcfhe.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subcommand's flags and help text, and the parser of its arguments. Deliberately small: flags with values,
 * {@code --help}, nothing positional; anything else is a usage error.
 */
public record CommandSpec(String name, String summary, List<Flag> flags) {
  public static final String HELP = "--help";

  /** The parsed flags of one invocation. */
  public static final class Arguments {
    private final Map<String, List<String>> values;
    private final boolean help;

    Arguments(Map<String, List<String>> values, boolean help) {
      this.values = values;
      this.help = help;
    }

    public boolean helpRequested() {
      return help;
    }

    public Optional<String> value(String flag) {
      List<String> all = values.getOrDefault(flag, List.of());
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public List<String> values(String flag) {
      return List.copyOf(values.getOrDefault(flag, List.of()));
    }
  }

  public Arguments parse(List<String> args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(HELP) || arg.equals("-h")) {
        help = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(0, equals) : arg;
      Flag flag = flags.stream().filter(f -> f.name().equals(name)).findFirst()
          .orElseThrow(() -> new UsageException(arg.startsWith("-")
              ? "unknown option " + name : "unexpected argument " + arg));
      String value;
      if (equals > 0) {
        value = arg.substring(equals + 1);
      } else if (flag.isSwitch()) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new UsageException(name + " needs a value (" + flag.valueName() + ")");
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!flag.repeatable() && !list.isEmpty()) {
        throw new UsageException(name + " given twice");
      }
      list.add(value);
    }
    return new Arguments(values, help);
  }

  /** The help text: usage line, summary, and one line per flag. */
  public String usage(String program) {
    StringBuilder text = new StringBuilder("Usage: ").append(program).append(' ').append(name)
        .append(" [options]\n\n").append(summary).append("\n\nOptions:\n");
    int width = flags.stream().mapToInt(f -> f.name().length() + f.valueName().length() + 1).max().orElse(0);
    for (Flag flag : flags) {
      String left = flag.isSwitch() ? flag.name() : flag.name() + " " + flag.valueName();
      text.append("  ").append(left).append(" ".repeat(width - left.length() + 2)).append(flag.help())
          .append(flag.repeatable() ? " (repeatable)" : "").append('\n');
    }
    text.append("  ").append(HELP).append(" ".repeat(Math.max(2, width - HELP.length() + 2)))
        .append("this help\n");
    return text.toString();
  }
}
