package io.rpcboot.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.rpcboot.RpcMetadata;
import io.rpcboot.support.RpcPair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metadata that arrives as HTTP headers is held to the binary protocol's rules: header
 * names must be valid metadata keys, and the metadata as a whole is within
 * {@link RpcMetadata#MAX_BYTES}; the refused request harms nothing else on the
 * connection.
 */
class HttpMetadataLimitsTests {

    private static final String GREET = "/io.rpcboot.http.Shop/greet";

    @RegisterExtension
    static final RpcPair pair = RpcPair.server(ShopApplication.class);

    @Test
    void headerThatIsNoValidMetadataKeyIsRefusedWith400() throws Exception {
        try (RawHttp http = new RawHttp(pair.port())) {
            RawHttp.Response refused = http.write(withHeader("X-Tenant!: acme")).read();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("\"status\":\"INVALID_ARGUMENT\"")
                .contains("X-Tenant!")
                .contains("lower-case ASCII letters");
            String longName = "x".repeat(65);
            RawHttp.Response tooLong = http.write(withHeader(longName + ": 1")).read();
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.body()).contains("1 to 64 characters");
            RawHttp.Response next = http.write(withHeader("X-Tenant: acme")).read();
            assertThat(next.status()).isEqualTo(200);
        }
    }

    /**
     * Netty's limit on the header block (8 KB) comes first for ASCII headers; metadata
     * counts UTF-8 bytes, so headers of non-ASCII characters (each read by HTTP as
     * ISO-8859-1, one character per byte, two bytes of UTF-8) reach the metadata limit
     * within Netty's.
     */
    @Test
    void metadataOverTheLimitIsRefusedWith431() throws Exception {
        try (RawHttp http = new RawHttp(pair.port())) {
            String half = "\u00e9".repeat(2100); // 4200 bytes on the wire, 8400 of
                                                 // metadata
            RawHttp.Response refused = http.write(withHeader("x-a: " + half)).read();
            assertThat(refused.status()).isEqualTo(431);
            assertThat(refused.body()).contains("\"status\":\"RESOURCE_EXHAUSTED\"")
                .contains("over the limit of " + RpcMetadata.MAX_BYTES + " bytes");
            RawHttp.Response next = http.write(withHeader("x-a: " + "v".repeat(4000))).read();
            assertThat(next.status()).isEqualTo(200);
        }
    }

    private static String withHeader(String header) {
        String json = "[\"Ada\"]";
        return "POST " + GREET + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + header
                + "\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
    }

}
