package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runner: list, run with a bad name, and the demo the README starts with. */
@ExtendWith(SharedDirExtension.class)
class ExamplesRunnerTest {

    @Test
    void listNamesEveryExampleWithItsSeedProgram() {
        try (ChildJvm jvm = ChildJvm.start(Examples.class, "list")) {
            jvm.assertSuccess(ExampleRun.TIMEOUT);
            for (Catalogue.Entry entry : Catalogue.entries()) {
                assertTrue(jvm.lines().stream().anyMatch(l -> l.startsWith(entry.name() + " ") && l.endsWith(entry.source())),
                        entry.name() + ":\n" + jvm.output());
                assertTrue(entry.byHand() || entry.source().matches("\\d{3}_[0-9a-f]{16}\\.txt program \\d+.*"), entry.source());
            }
        }
    }

    @Test
    void anUnknownExampleOrCommandIsRefusedWithExitCodeTwo() {
        try (ChildJvm jvm = ChildJvm.start(Examples.class, "run", "NoSuchExample")) {
            assertEquals(2, jvm.waitFor(ExampleRun.TIMEOUT));
            assertTrue(jvm.output().contains("no example named 'NoSuchExample'"), jvm.output());
        }
        try (ChildJvm jvm = ChildJvm.start(Examples.class, "frobnicate")) {
            assertEquals(2, jvm.waitFor(ExampleRun.TIMEOUT));
            assertTrue(jvm.output().contains("unknown command 'frobnicate'") && jvm.output().contains("usage:"), jvm.output());
        }
    }

    @Test
    void theDemoRunsEachOfItsExamplesInANewJvmAndSucceeds() {
        try (ChildJvm jvm = ChildJvm.start(Examples.class, "demo", "--scale", "0.2")) {
            jvm.assertSuccess(Duration.ofSeconds(120));
            String out = jvm.output();
            assertTrue(out.contains("=== ForkLikeChild: exit code 0") && out.contains("=== ProcessStartJoin: exit code 0"), out);
            assertTrue(jvm.lines().stream().anyMatch(l -> l.matches("\\d+ examples in \\d+\\.\\d s; all succeeded")), out);
        }
    }
}
