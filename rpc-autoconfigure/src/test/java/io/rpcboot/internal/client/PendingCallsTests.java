package io.rpcboot.internal.client;

import java.util.HashMap;
import java.util.Map;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of calls waiting for an answer finds each call by its request id, over the
 * whole range of ids a connection uses, and gives back the ids it holds.
 */
class PendingCallsTests {

    @Test
    void callsAreFoundAndRemovedByTheirIdsAsAnswersComeInTheOrderOfTheRequests() {
        PendingCalls pending = new PendingCalls();
        Map<Integer, ClientCall> expected = new HashMap<>();
        int nextId = Integer.MAX_VALUE - 5000;
        for (int i = 0; i < 1000; i++) {
            ClientCall call = call();
            pending.put(nextId, call);
            expected.put(nextId++, call);
        }
        for (int oldest = Integer.MAX_VALUE - 5000; nextId > 0 && nextId < Integer.MAX_VALUE; oldest++) {
            assertThat(pending.remove(oldest)).isSameAs(expected.remove(oldest));
            ClientCall call = call();
            pending.put(nextId, call);
            expected.put(nextId++, call);
        }
        assertThat(pending.size()).isEqualTo(expected.size());
        expected.forEach((id, call) -> assertThat(pending.get(id)).isSameAs(call));
        Map<Integer, ClientCall> seen = new HashMap<>();
        pending.forEach(seen::put);
        assertThat(seen).isEqualTo(expected);
        assertThat(pending.get(1)).isNull();
        assertThat(pending.remove(1)).isNull();
    }

    @Test
    void clearEmptiesTheTable() {
        PendingCalls pending = new PendingCalls();
        pending.put(1, call());
        pending.put(2, call());
        assertThat(pending.values()).hasSize(2);
        pending.clear();
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.get(1)).isNull();
    }

    private static ClientCall call() {
        return new ClientCall(null, null, Unpooled.EMPTY_BUFFER, 0, 0);
    }

}
