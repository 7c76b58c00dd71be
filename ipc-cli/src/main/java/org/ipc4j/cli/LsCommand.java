package org.ipc4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ipc4j.region.RegionInfo;
import org.ipc4j.region.ResourceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "ls", description = "List every object: name, type, size, creator pid (alive?), attached, age.")
final class LsCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Override
    public Integer call() throws Exception {
        List<RegionInfo> infos = ResourceTracker.list(top.directory());
        long now = System.currentTimeMillis();
        if (top.json) {
            List<Object> rows = new ArrayList<>();
            for (RegionInfo info : infos) {
                rows.add(row(info, now));
            }
            System.out.println(Json.write(rows));
            return 0;
        }
        System.out.printf("%-40s %-14s %12s %9s %-6s %-8s %s%n", "NAME", "TYPE", "SIZE", "CREATOR", "ALIVE", "ATTACHED", "AGE");
        for (RegionInfo info : infos) {
            System.out.printf("%-40s %-14s %12d %9d %-6s %-8s %s%n", info.name(), typeName(info), info.fileSize(),
                    info.creatorPid(), info.creatorAlive() ? "yes" : "no", info.attached() ? "yes" : "no",
                    info.createdMillis() > 0 ? age(now - info.createdMillis()) : "-");
        }
        return 0;
    }

    static Map<String, Object> row(RegionInfo info, long now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", info.name());
        row.put("type", typeName(info));
        row.put("size", info.fileSize());
        row.put("creatorPid", info.creatorPid());
        row.put("creatorAlive", info.creatorAlive());
        row.put("attached", info.attached());
        row.put("anonymous", info.anonymous());
        row.put("ageMillis", info.createdMillis() > 0 ? now - info.createdMillis() : null);
        return row;
    }

    static String typeName(RegionInfo info) {
        if (!info.validMagic()) {
            return info.initialised() ? "corrupted" : "uninitialised";
        }
        return info.type() != null ? info.type().name().toLowerCase() : "unknown(" + info.typeCode() + ")";
    }

    static String age(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "s";
    }
}
