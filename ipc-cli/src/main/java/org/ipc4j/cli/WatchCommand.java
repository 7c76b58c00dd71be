package org.ipc4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", description = "Refresh stat every second, with rates per second for counters.")
final class WatchCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--count", description = "stop after this many refreshes (default: until interrupted)")
    int count = Integer.MAX_VALUE;

    @Option(names = "--interval-ms", description = "refresh interval (default 1000)")
    long intervalMillis = 1_000;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> previous = null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                Thread.sleep(intervalMillis);
            }
            Map<String, Object> stat = StatCommand.stat(top.directory(), name);
            Map<String, Object> shown = new LinkedHashMap<>(stat);
            if (previous != null) {
                for (Map.Entry<String, Object> e : stat.entrySet()) {
                    Object before = previous.get(e.getKey());
                    if (e.getKey().endsWith("Total") && e.getValue() instanceof Number now && before instanceof Number then) {
                        double perSecond = (now.doubleValue() - then.doubleValue()) * 1000.0 / intervalMillis;
                        shown.put(e.getKey().replace("Total", "PerSecond"), Math.round(perSecond));
                    }
                }
            }
            previous = stat;
            System.out.println(top.json ? Json.write(shown) : "--- " + name + "\n" + StatCommand.format(shown));
            System.out.flush();
        }
        return 0;
    }
}
