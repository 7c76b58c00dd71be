package org.ipc4j.cli;

import java.nio.file.Path;

import org.ipc4j.region.RegionDirectory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipc4j}: see, watch and clean up the shared objects in an ipc4j directory. */
@Command(name = "ipc4j", mixinStandardHelpOptions = true, version = "ipc4j 0.1.0",
        description = "See, watch and clean up ipc4j shared objects.",
        subcommands = {LsCommand.class, StatCommand.class, WatchCommand.class, RmCommand.class, GcCommand.class,
            DumpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an object is corrupted or could not be read", "2:bad usage",
            "3:no object of that name", "4:permission denied"})
public final class Ipc4jCommand {
    static final int EXIT_CORRUPTED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NOT_FOUND = 3;
    static final int EXIT_PERMISSION = 4;

    @Option(names = "--dir", description = "the ipc4j directory (default: -Dipc4j.dir, $IPC4J_DIR, /dev/shm/ipc4j-<user>)",
            scope = CommandLine.ScopeType.INHERIT)
    Path dir;

    @Option(names = "--json", description = "print JSON for scripts", scope = CommandLine.ScopeType.INHERIT)
    boolean json;

    /** The directory to work on; also makes the library's own open() calls use it. */
    Path directory() {
        if (dir != null) {
            System.setProperty(RegionDirectory.PROPERTY, dir.toAbsolutePath().toString());
        }
        return RegionDirectory.configured();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Ipc4jCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("ipc4j: " + e.getMessage());
            return CliErrors.exitCodeOf(e);
        });
        return cli.execute(args);
    }
}
