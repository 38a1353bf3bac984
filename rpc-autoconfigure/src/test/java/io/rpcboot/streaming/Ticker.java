package io.rpcboot.streaming;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.rpcboot.annotation.RpcClient;
import io.rpcboot.annotation.RpcMethod;

/**
 * Every shape of streaming method, for the streaming tests.
 */
@RpcClient(name = "ticker")
public interface Ticker {

    /**
     * Streams {@code 0..n-1}.
     * @param n how many
     * @return the numbers
     */
    Flux<Integer> count(int n);

    /**
     * Streams numbers without end, generated as they are requested; the implementation
     * counts what it produced and notes its cancellation under the key.
     * @param key the name of the counter
     * @return the numbers
     */
    Flux<Integer> endless(String key);

    /**
     * Sums a client's stream.
     * @param numbers the numbers
     * @return their sum
     */
    Mono<Long> sum(Flux<Integer> numbers);

    /**
     * Answers each word with its upper case, as it comes.
     * @param words the words
     * @return the upper-case words
     */
    Flux<String> upper(Flux<String> words);

    /**
     * One asynchronous result.
     * @param symbol a symbol
     * @return the symbol with an exclamation mark
     */
    Mono<String> last(String symbol);

    /**
     * An empty Mono.
     * @return nothing
     */
    Mono<String> nothing();

    /**
     * Streams {@code 0..n-1}, then fails with the declared exception.
     * @param n how many before the failure
     * @return the numbers
     * @throws TickerException after them
     */
    Flux<Integer> failAfter(int n) throws TickerException;

    /**
     * Streams {@code 0..n-1}, then fails with an undeclared exception.
     * @param n how many before the failure
     * @return the numbers
     */
    Flux<Integer> crashAfter(int n);

    /**
     * Streams numbers without end, with a deadline.
     * @param key the name of the counter
     * @return the numbers
     */
    @RpcMethod(timeout = "300ms")
    Flux<Integer> endlessWithDeadline(String key);

    /**
     * A unary method beside the streams.
     * @param name a name
     * @return a greeting
     */
    String hello(String name);

    /**
     * A declared failure.
     */
    class TickerException extends Exception {

        /**
         * Creates the exception.
         * @param message the message
         */
        public TickerException(String message) {
            super(message);
        }

    }

}
