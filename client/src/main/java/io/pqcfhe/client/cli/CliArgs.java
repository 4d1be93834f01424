package io.pqcfhe.client.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options and {@code --flag} switches, checked against what the command knows: an
 * unknown option, a missing value or a repeated option is a {@link UsageException}.
 */
final class CliArgs {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();
  private final List<String> positional;

  private CliArgs(List<String> positional) {
    this.positional = positional;
  }

  static CliArgs parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
    java.util.ArrayList<String> positional = new java.util.ArrayList<>();
    CliArgs parsed = new CliArgs(positional);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      if (flagOptions.contains(name) && inline == null) {
        parsed.flags.add(name);
      } else if (valueOptions.contains(name)) {
        String value = inline;
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException(name + " needs a value");
          }
          value = args[++i];
        }
        if (parsed.values.put(name, value) != null) {
          throw new UsageException(name + " given twice");
        }
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return parsed;
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  List<String> positional() {
    return List.copyOf(positional);
  }

  int intValue(String name, int fallback, int min, int max) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new UsageException(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number");
    }
  }
}
