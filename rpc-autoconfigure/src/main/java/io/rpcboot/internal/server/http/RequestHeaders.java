package io.rpcboot.internal.server.http;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

import io.rpcboot.RpcStatus;
import io.rpcboot.internal.MetadataKeys;
import io.rpcboot.internal.MetadataSize;
import io.rpcboot.internal.protocol.Timeouts;

/**
 * Reads what an HTTP request's headers say about the call: its metadata and its timeout.
 * <p>
 * Every header is request metadata, under its name in lower case, except the headers that
 * belong to HTTP itself (connection management, message framing, content negotiation,
 * {@code host}, {@code user-agent}, {@code cookie}) and the timeout headers. Repeated
 * headers are joined with {@code ", "}. So {@code Authorization}, {@code traceparent} or
 * {@code X-Tenant} reach the call as the metadata {@code authorization},
 * {@code traceparent} and {@code x-tenant}, as a binary client would send them. The same
 * rules as for binary metadata apply: key characters and length, and the size limit.
 * <p>
 * The timeout is {@code rpc-timeout} (a duration: {@code 500ms}, {@code 2s}, {@code 1m},
 * {@code PT0.5S}; a bare number is milliseconds) or {@code x-rpc-timeout-ms}
 * (milliseconds); with both, the smaller applies. {@code 0} or no header: no deadline. A
 * timeout over {@link Timeouts#MAX_MILLIS} (eight digits of milliseconds, as gRPC allows)
 * is read as that maximum.
 */
final class RequestHeaders {

    /** The header that sets a call's timeout as a duration. */
    static final String TIMEOUT = "rpc-timeout";

    /** The header that sets a call's timeout in milliseconds. */
    static final String TIMEOUT_MILLIS = "x-rpc-timeout-ms";

    private static final Set<String> NOT_METADATA = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "content-type", "content-encoding",
            "expect", "accept", "accept-encoding", "accept-charset", "accept-language", "user-agent", "cookie", TIMEOUT,
            TIMEOUT_MILLIS);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)?");

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private RequestHeaders() {
    }

    /**
     * Returns the request metadata that headers carry, checked as the binary protocol's
     * metadata is: each name, in lower case, must be a valid metadata key (else
     * {@code 400 INVALID_ARGUMENT}), and the keys and values together must be within
     * {@link MetadataSize#MAX_BYTES} (else {@code 431 RESOURCE_EXHAUSTED}).
     * @param headers the request's headers
     * @return the metadata, keys in lower case
     * @throws HttpFailure when a header cannot be metadata or the metadata is over its
     * limit
     */
    static Map<String, String> metadata(HttpHeaders headers) {
        Map<String, String> metadata = null;
        Iterator<Map.Entry<String, String>> entries = headers.iteratorAsString();
        while (entries.hasNext()) {
            Map.Entry<String, String> header = entries.next();
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (NOT_METADATA.contains(name)) {
                continue;
            }
            String problem = MetadataKeys.problem(name);
            if (problem != null) {
                throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                        "header " + header.getKey() + " cannot be call metadata: a metadata key " + problem);
            }
            if (metadata == null) {
                metadata = new LinkedHashMap<>();
            }
            metadata.merge(name, header.getValue(), (first, next) -> first + ", " + next);
        }
        if (metadata == null) {
            return Map.of();
        }
        int size = MetadataSize.of(metadata);
        if (size > MetadataSize.MAX_BYTES) {
            throw HttpFailure.of(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, RpcStatus.RESOURCE_EXHAUSTED,
                    "request metadata of " + size + " bytes is over the limit of " + MetadataSize.MAX_BYTES + " bytes");
        }
        return Collections.unmodifiableMap(metadata);
    }

    /**
     * Returns the timeout the headers ask for.
     * @param headers the request's headers
     * @return the timeout in milliseconds, {@code 0} for none
     * @throws HttpFailure when a timeout header cannot be read
     */
    static long timeoutMillis(HttpHeaders headers) {
        String duration = headers.get(TIMEOUT);
        String millis = headers.get(TIMEOUT_MILLIS);
        long timeout = (duration != null) ? parseDuration(duration) : 0;
        if (millis != null) {
            long other = parseMillis(millis);
            timeout = (timeout == 0 || (other != 0 && other < timeout)) ? other : timeout;
        }
        return Timeouts.clampMillis(timeout);
    }

    private static long parseDuration(String value) {
        String text = value.trim();
        try {
            if (!text.isEmpty() && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
                return toMillis(Duration.parse(text));
            }
            Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                String digits = matcher.group(1);
                if (digits.length() > 18) {
                    return Timeouts.MAX_MILLIS; // over any timeout: read as the maximum
                }
                long amount = Long.parseLong(digits);
                return toMillisAtMostMax(amount, unit(matcher.group(2)));
            }
        }
        catch (DateTimeParseException | ArithmeticException ex) {
            // fall through to the failure below
        }
        throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                "header " + TIMEOUT + " must be a duration such as 500ms," + " 2s or PT0.5S, not '" + value + "'");
    }

    private static long parseMillis(String value) {
        String text = value.trim();
        if (DIGITS.matcher(text).matches()) {
            // more than eight digits is over the maximum, however many there are
            return (text.length() > 8) ? Timeouts.MAX_MILLIS : Long.parseLong(text);
        }
        throw HttpFailure.of(RpcStatus.INVALID_ARGUMENT,
                "header " + TIMEOUT_MILLIS + " must be a number of milliseconds, not '" + value + "'");
    }

    private static long toMillisAtMostMax(long amount, TimeUnit unit) {
        return (unit.toMillis(amount) > Timeouts.MAX_MILLIS) ? Timeouts.MAX_MILLIS
                : toMillis(Duration.of(amount, unit.toChronoUnit()));
    }

    private static long toMillis(Duration duration) {
        if (duration.isNegative()) {
            throw new ArithmeticException("negative");
        }
        long millis = duration.toMillis();
        // 1us waits 1ms, not 0
        return (Duration.ofMillis(millis).compareTo(duration) < 0) ? millis + 1 : millis;
    }

    private static TimeUnit unit(@Nullable String unit) {
        if (unit == null) {
            return TimeUnit.MILLISECONDS;
        }
        return switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "us" -> TimeUnit.MICROSECONDS;
            case "s" -> TimeUnit.SECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> TimeUnit.MILLISECONDS;
        };
    }

}
