package org.ipc4j.bench.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ipc4j.bench.harness.Workloads;
import org.ipc4j.bench.harness.CrossProcessWorkload;
import org.junit.jupiter.api.Test;

/** The sweep's plan: every knob covered, within its time budgets, and the helpers it relies on. */
class TuningPlanTest {
    @Test
    void fullCoversEveryKnobWithinTenMinutesAndQuickWithinThirtySeconds() {
        List<TuningCase> full = TuningPlan.cases(true, true);
        List<TuningCase> quick = TuningPlan.cases(false, true);
        Set<Knob> covered = full.stream().map(TuningCase::knob).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Knob.class), covered);
        assertEquals(EnumSet.allOf(Knob.class), quick.stream().map(TuningCase::knob).collect(Collectors.toSet()));
        double fullSeconds = full.stream().mapToDouble(TuningCase::estimatedSeconds).sum();
        double quickSeconds = quick.stream().mapToDouble(TuningCase::estimatedSeconds).sum();
        assertTrue(fullSeconds < 540, "full estimate " + fullSeconds);
        assertTrue(quickSeconds < 30, "quick estimate " + quickSeconds);
        // quick runs every measuring main and every workload class at least once
        Set<Class<?>> fullWorkloads = full.stream().map(TuningCase::workload).collect(Collectors.toSet());
        assertEquals(fullWorkloads, quick.stream().map(TuningCase::workload).collect(Collectors.toSet()));
        for (Class<?> cls : fullWorkloads) {
            assertTrue(Workloads.instantiate(cls.getName(), CrossProcessWorkload.class).implementation().startsWith("ipc4j"));
        }
        assertEquals(full.size(), full.stream().map(c -> c.fileId(0)).distinct().count(), "file ids must be distinct");
    }

    @Test
    void withoutTasksetOnlyTheUnpinnedPlacementIsPlanned() {
        assertTrue(TuningPlan.cases(true, false).stream().filter(c -> c.knob() == Knob.PLACEMENT)
                .allMatch(c -> c.cpus().isEmpty()));
        assertTrue(TuningPlan.cases(true, false).stream().allMatch(c -> c.cpus().isEmpty()));
        // with taskset the throughput knobs run pinned to two cores; the wait and JVM sweeps stay unpinned
        List<TuningCase> pinned = TuningPlan.cases(true, true);
        assertTrue(pinned.stream().filter(c -> c.knob() == Knob.CAPACITY || c.knob() == Knob.CODEC)
                .allMatch(c -> c.cpus().equals("0,1")));
        assertTrue(pinned.stream().filter(c -> c.knob() == Knob.WAIT || c.knob() == Knob.JVM).allMatch(c -> c.cpus().isEmpty()));
        assertEquals("same core (both on CPU 0)", TuningPlan.placementLabel("0,0"));
    }

    @Test
    void namesAndStrategies() {
        assertEquals("back to back", PacedRoundTrip.phaseName(0));
        assertEquals("1 msg / 100 us", PacedRoundTrip.phaseName(100_000));
        assertEquals("1 msg / 1 ms", PacedRoundTrip.phaseName(1_000_000));
        assertEquals("4 KiB", TuningPlan.size(4096));
        assertEquals("1 MiB", TuningPlan.size(1 << 20));
        assertEquals(10_000, WaitChoice.spins("blocking:10000"));
        assertEquals(-1, WaitChoice.spins("yield"));
        for (String spec : TuningPlan.STRATEGIES) {
            assertTrue(WaitChoice.parse(spec) != null, spec);
        }
        assertEquals(List.of("-Xmx1g", "-XX:+UseZGC"), MeasuringSide.jvmOptions(" -Xmx1g  -XX:+UseZGC "));
        assertEquals(List.of(), MeasuringSide.jvmOptions(""));
    }

    @Test
    void cpuClockReadsThisProcess() {
        long before = CpuClock.selfCpuNanos();
        long spin = System.nanoTime() + 50_000_000;
        long x = 0;
        while (System.nanoTime() < spin) {
            x += System.nanoTime() & 1;
        }
        long after = CpuClock.selfCpuNanos();
        assertTrue(before > 0 && after - before >= 20_000_000, before + " -> " + after + " (" + x + ")");
        assertEquals(-1, CpuClock.processCpuNanos(Integer.MAX_VALUE));
        assertEquals(50.0, CpuClock.percent(0, 500, 1000), 1e-9);
        assertTrue(Double.isNaN(CpuClock.percent(-1, 500, 1000)));
    }

    @Test
    void producerSummaryLineParses() {
        long[] parsed = CountingProducer.parse("READY\nproduced 1234 allocated 5678\n");
        assertEquals(1234, parsed[0]);
        assertEquals(5678, parsed[1]);
        assertEquals(null, CountingProducer.parse("READY\n"));
    }
}
