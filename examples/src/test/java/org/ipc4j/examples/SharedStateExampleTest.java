package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed program 31: Pipe, Queue, Value, Array and a shared dict; the extension checks every file is removed. */
@ExtendWith(SharedDirExtension.class)
class SharedStateExampleTest {

    @Test
    void theParentSeesWhatTheChildSentAndWhatItChangedInSharedMemory() {
        ExampleRun run = ExampleRun.run("PipeQueueSharedMemory");
        assertEquals(List.of(
                "1. pipe:  [42, null, hello]",
                "2. queue: [42, null, hello]",
                "3. value: 3.1415927",
                "   array: [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]",
                "4. dict:  {0.25=None, 1=1, 2=2}",
                "   list:  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"), run.lines);
    }
}
