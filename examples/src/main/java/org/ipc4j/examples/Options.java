package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one example: {@code --name value} or {@code --name=value} options, {@code --flag}
 * switches (an option followed by another option or by nothing), and the rest as positional arguments
 * (everything after {@code --} is positional).
 *
 * <p>Durations default to the seed's timing. {@code --scale F} multiplies every default duration by F
 * (the runner's {@code all} and the tests use it to run the seeds quickly); a duration given explicitly,
 * e.g. {@code --interval 3}, is used as given.
 */
public final class Options {
    private final Map<String, String> named = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final double scale;

    private Options(String[] args) {
        boolean onlyPositional = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (onlyPositional || !arg.startsWith("--")) {
                positional.add(arg);
            } else if (arg.equals("--")) {
                onlyPositional = true;
            } else if (arg.contains("=")) {
                named.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                named.put(arg.substring(2), args[++i]);
            } else {
                named.put(arg.substring(2), "true");
            }
        }
        this.scale = number("scale", 1.0);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be a positive number, not " + named.get("scale"));
        }
    }

    public static Options parse(String[] args) {
        return new Options(args);
    }

    /** A duration in seconds: {@code --name} if given, else {@code seedSeconds} times {@code --scale}. */
    public double seconds(String name, double seedSeconds) {
        return named.containsKey(name) ? number(name, seedSeconds) : seedSeconds * scale;
    }

    public int integer(String name, int defaultValue) {
        String value = named.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** True if {@code --name} (or {@code --name=true}) was given. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(named.getOrDefault(name, "false"));
    }

    public String text(String name, String defaultValue) {
        return named.getOrDefault(name, defaultValue);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    private double number(String name, double defaultValue) {
        String value = named.get(name);
        try {
            return value == null ? defaultValue : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
        }
    }
}
