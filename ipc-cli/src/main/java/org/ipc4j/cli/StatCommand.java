package org.ipc4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.region.RegionInfo;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.ResourceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stat", description = "Show an object's live state (depth, owner, permits, contents, ...).")
final class StatCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> stat = stat(top.directory(), name);
        System.out.println(top.json ? Json.write(stat) : format(stat));
        return 0;
    }

    /** The header of {@code name}, or a typed error for a bad or missing name. */
    static RegionInfo find(Path dir, String name) throws IOException {
        RegionNames.validate(name);
        return ResourceTracker.inspect(dir.resolve(name))
                .orElseThrow(() -> new ObjectNotFoundException("no object named '" + name + "' in " + dir));
    }

    static Map<String, Object> stat(Path dir, String name) throws Exception {
        RegionInfo info = find(dir, name);
        Map<String, Object> stat = LsCommand.row(info, System.currentTimeMillis());
        if (info.validMagic() && info.initialised()) {
            stat.putAll(TypeInspectors.inspect(info.type(), name));
        }
        return stat;
    }

    static String format(Map<String, Object> stat) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(stat).entrySet()) {
            out.append(String.format("%-16s %s%n", e.getKey(), e.getValue()));
        }
        return out.toString().stripTrailing();
    }
}
