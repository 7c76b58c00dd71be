package org.ipc4j.bench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ipc4j.bench.data.ScoreRecord;
import org.junit.jupiter.api.Test;

class ProcessMeasurementTest {
    @Test
    void startLatenciesAreReportedAsTheirMedianWithTheirRange() {
        ScoreRecord odd = ProcessMeasurement.medianRecord("g", "w", "i", new double[] {9, 1, 28, 3, 4}, "n");
        assertEquals(4, odd.score());
        assertEquals(1, odd.min());
        assertEquals(28, odd.max());
        assertEquals(5, odd.samples());
        assertEquals(3.5, ProcessMeasurement.medianRecord("g", "w", "i", new double[] {4, 1, 3, 28}, "n").score());
    }
}
