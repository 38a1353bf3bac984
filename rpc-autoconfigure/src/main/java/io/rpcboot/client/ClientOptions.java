package io.rpcboot.client;

import java.time.Duration;

/**
 * Settings shared by every service a client calls.
 *
 * @param maxMessageSize the largest response frame read, in bytes
 * @param connectTimeout how long to wait for a connection and its handshake
 */
public record ClientOptions(int maxMessageSize, Duration connectTimeout) {
}
