package io.rpcboot.http;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Streaming methods of every shape, for the tests of streams over HTTP.
 */
public interface Feed {

    /**
     * Streams {@code 0..n-1}.
     * @param n how many
     * @return the numbers
     */
    Flux<Integer> count(int n);

    /**
     * Emits {@code first}, then {@code second} once the test opens the gate.
     * @param first the first element
     * @param second the second element
     * @return the two elements
     */
    Flux<String> gated(String first, String second);

    /**
     * Streams text of the given size without end, generated as it is requested; the
     * implementation counts what it produced and notes its cancellation under the key.
     * @param key the name of the counter
     * @param size the length of each element
     * @return the elements
     */
    Flux<String> endless(String key, int size);

    /**
     * Sums a stream of numbers.
     * @param numbers the numbers
     * @return their sum
     */
    Mono<Long> sum(Flux<Integer> numbers);

    /**
     * Prefixes each word, as it comes.
     * @param prefix the prefix
     * @param words the words
     * @return the prefixed words
     */
    Flux<String> prefix(String prefix, Flux<String> words);

    /**
     * One asynchronous result.
     * @param name a name
     * @return a greeting
     */
    Mono<Greeting> greet(String name);

    /**
     * Streams {@code 0..n-1}, then fails with the declared exception.
     * @param n how many before the failure
     * @return the numbers
     * @throws FeedException after them
     */
    Flux<Integer> failAfter(int n) throws FeedException;

    /**
     * A greeting.
     *
     * @param text what it says
     */
    record Greeting(String text) {
    }

    /**
     * A declared failure.
     */
    class FeedException extends Exception {

        /**
         * Creates the exception.
         * @param message the message
         */
        public FeedException(String message) {
            super(message);
        }

    }

}
