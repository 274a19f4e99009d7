package io.cascade.billing.internal;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.cascade.platform.api.Jobs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's buyers are cut into chunks that cover every item seq once; a chunk's job id names its run and range. */
class RunChunksTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "10; 4; 1-4 5-8 9-10",
            "8; 4; 1-4 5-8",
            "1; 1000; 1-1",
            "0; 1000; 1-0",
            "3; 1; 1-1 2-2 3-3"})
    void aRunsBuyersAreCutIntoChunks(int buyers, int chunkSize, String expected) {
        List<TaskInstance<?>> scheduled = new ArrayList<>();
        Jobs jobs = new Jobs() {
            @Override
            public void runSoon(TaskInstance<?> instance) {
                scheduled.add(instance);
            }

            @Override
            public void runSoon(List<TaskInstance<?>> instances) {
                scheduled.addAll(instances);
            }
        };
        RunChunks chunks = new RunChunks(null, null, null, null, null, null, null,
                new BillingProperties(null, null, null), jobs, Clock.systemUTC(), null, null, null);
        UUID run = UUID.randomUUID();

        chunks.schedule(run, buyers, chunkSize);

        assertThat(scheduled).allSatisfy(i -> assertThat(i.getTaskName()).isEqualTo("billing-chunk"));
        assertThat(scheduled.stream().map(TaskInstance::getId).toList()).containsExactlyElementsOf(
                Arrays.stream(expected.split(" ")).map(range -> run + "/" + range).toList());
        for (TaskInstance<?> instance : scheduled) {
            RunChunks.Chunk chunk = RunChunks.Chunk.of(instance.getId());
            assertThat(chunk.runId()).isEqualTo(run);
            assertThat(chunk.id()).isEqualTo(instance.getId());
        }
    }
}
