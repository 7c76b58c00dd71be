package org.ipc4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ipc4j.region.RegionNames;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rm", description = "Remove named objects (processes already attached keep using the memory).")
final class RmCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        Path dir = top.directory();
        List<String> missing = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            RegionNames.validate(name);
            if (Files.deleteIfExists(dir.resolve(name))) {
                removed.add(name);
            } else {
                missing.add(name);
            }
        }
        if (top.json) {
            System.out.println(Json.write(java.util.Map.of("removed", removed, "missing", missing)));
        } else {
            removed.forEach(name -> System.out.println("removed " + name));
            missing.forEach(name -> System.err.println("ipc4j: no object named '" + name + "' in " + dir));
        }
        return missing.isEmpty() ? 0 : Ipc4jCommand.EXIT_NOT_FOUND;
    }
}
