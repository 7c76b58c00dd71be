package org.ipc4j.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ipc4j.bench.harness.Placement;
import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.harness.CrossProcessWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's own logic with stand-in steps: failures make it fail, skips are noted, leftovers are failures. */
class SuiteTest {
    @TempDir
    Path results;

    @Test
    void aFailingStepFailsTheRunButTheOthersStillRun() throws IOException {
        List<String> ran = new ArrayList<>();
        List<Step> steps = List.of(step("first", ran, env -> null),
                step("broken", ran, env -> {
                    throw new IllegalStateException("peer exited with 1\nmore detail");
                }),
                step("skipped one", ran, env -> "no tool"),
                step("last", ran, env -> null));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        boolean ok = Suite.run(steps, Mode.QUICK, results, results, Placement.none(), null, "test", "t",
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertFalse(ok);
        assertEquals(List.of("first", "broken", "skipped one", "last"), ran);
        String run = Files.readString(results.resolve("raw/run.properties"));
        assertTrue(run.contains("failure.1=broken: peer exited with 1"), run);
        assertTrue(run.contains("skipped.1=skipped one: no tool"), run);
        String readme = Files.readString(results.resolve("README.md"));
        assertTrue(readme.contains("- broken: peer exited with 1"), readme);
        String output = log.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("[2/4 "), output);
        assertTrue(output.contains("FAILED: broken"), output);
    }

    @Test
    void filesLeftInTheSharedDirectoryAreAFailure() throws IOException {
        List<Step> steps = List.of(step("litter", new ArrayList<>(), env -> {
            Files.writeString(env.workDir().resolve("stray"), "x");
            return null;
        }));
        boolean ok = Suite.run(steps, Mode.QUICK, results, results, Placement.none(), null, "test", "t",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertFalse(ok);
        assertTrue(Files.readString(results.resolve("raw/run.properties")).contains("left files in the shared directory: [stray]"));
    }

    @Test
    void cleanRunSucceeds() throws IOException {
        List<Step> steps = List.of(step("fine", new ArrayList<>(), env -> null));
        assertTrue(Suite.run(steps, Mode.QUICK, results, results, Placement.none(), null, "test", "t",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    @Test
    void planListsEveryCatalogueEntryAndAlternatesRepetitions() {
        List<Step> quick = Plan.steps(Mode.QUICK, "t", "", results, null);
        int crossProcess = Catalogue.ROUND_TRIPS.size() + Catalogue.ONE_WAY.size() + Catalogue.GROUPS.size() + 1;
        // then the process step (JvmProcess, ProcessPool) and Python
        assertEquals(crossProcess + Catalogue.JMH.size() + 2, quick.size());
        List<Step> full = Plan.steps(Mode.FULL, "t", "", results, null);
        assertTrue(full.get(1).title().contains("(rep 1/3)"), full.get(1).title());
        long rep2 = full.stream().filter(s -> s.title().contains("(rep 2/3)") && !(s instanceof SettleStep)).count();
        assertEquals(Catalogue.ROUND_TRIPS.size() + Catalogue.ONE_WAY.size() + Catalogue.GROUPS.size(), rep2);
        // Chronicle's round trip, one-way and 1 MiB steps free hundreds of MB or more: full runs pause after each
        assertEquals(3 * 3, full.stream().filter(s -> s instanceof SettleStep).count());
        assertTrue(quick.stream().noneMatch(s -> s instanceof SettleStep));
        List<Step> only = Plan.steps(Mode.QUICK, "t", "", results, Pattern.compile("FutexWord"));
        assertEquals(1, only.size());
        for (Class<?> cls : Catalogue.ROUND_TRIPS) {
            assertFalse(Workloads.instantiate(cls.getName(), CrossProcessWorkload.class).implementation().isBlank());
        }
    }

    @Test
    void etaScalesTheRemainingEstimatesByHowLongFinishedStepsTook() {
        List<Step> steps = List.of(step("a", new ArrayList<>(), env -> null), step("b", new ArrayList<>(), env -> null));
        ProgressBoard board = new ProgressBoard(steps, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        board.begin(0);
        assertEquals(20.0, board.secondsLeft(0), 1e-9);
        assertEquals(15.0, board.secondsLeft(0.5), 1e-9);
        assertEquals("1:05", ProgressBoard.clock(65));
    }

    private interface Body {
        String run(StepEnv env) throws Exception;
    }

    private static Step step(String title, List<String> ran, Body body) {
        return new Step() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public double estimatedSeconds() {
                return 10;
            }

            @Override
            public String run(StepEnv env) throws Exception {
                ran.add(title);
                return body.run(env);
            }
        };
    }
}
