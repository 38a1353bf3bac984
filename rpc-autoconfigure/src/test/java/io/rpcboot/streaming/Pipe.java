package io.rpcboot.streaming;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcClient;

/**
 * Streaming methods for the tests of limits, pausing and cancellation.
 */
@RpcClient(name = "pipe")
public interface Pipe {

    /**
     * Streams texts of the given length without end, generated as they are requested; the
     * implementation counts what it produced and notes its cancellation under the key.
     * @param key the name of the counter
     * @param length the length of each text
     * @return the texts
     */
    Flux<String> texts(String key, int length);

    /**
     * Streams {@code 0..n-1}.
     * @param n how many
     * @return the numbers
     */
    Flux<Integer> count(int n);

    /**
     * Counts the first elements of a client's stream, then stops reading it; answers once
     * the test releases the key.
     * @param numbers the numbers
     * @param n how many to read
     * @param key the name of the release
     * @return how many were read
     */
    Mono<Long> countFirst(Flux<Integer> numbers, int n, String key);

    /**
     * Answers each text with its length, as it comes.
     * @param texts the texts
     * @return their lengths
     */
    Flux<Integer> lengths(Flux<String> texts);

}
