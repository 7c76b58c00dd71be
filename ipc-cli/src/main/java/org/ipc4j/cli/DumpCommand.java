package org.ipc4j.cli;

import java.util.concurrent.Callable;

import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.region.RegionInfo;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.ResourceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "dump", description = "Print the messages waiting in a queue or pipe without taking them.")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        RegionNames.validate(name);
        RegionInfo info = ResourceTracker.inspect(top.directory().resolve(name))
                .orElseThrow(() -> new ObjectNotFoundException("no object named '" + name + "' in " + top.directory()));
        System.err.println("ipc4j: '" + name + "' is a " + LsCommand.typeName(info) + "; dump reads queues and pipes only");
        return Ipc4jCommand.EXIT_USAGE;
    }
}
