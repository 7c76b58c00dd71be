package org.ipc4j.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ipc4j.region.ResourceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "gc", description = "Remove objects whose creator and every attached process are dead.")
final class GcCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Override
    public Integer call() throws Exception {
        List<String> removed = ResourceTracker.collectGarbage(top.directory());
        if (top.json) {
            System.out.println(Json.write(Map.of("removed", removed)));
        } else if (removed.isEmpty()) {
            System.out.println("nothing to remove");
        } else {
            removed.forEach(name -> System.out.println("removed " + name));
        }
        return 0;
    }
}
