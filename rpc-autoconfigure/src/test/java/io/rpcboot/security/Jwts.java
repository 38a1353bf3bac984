package io.rpcboot.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * RSA keys made by the test, and JWTs signed with them.
 */
final class Jwts {

    static final KeyPair KEYS = generate();

    static final KeyPair OTHER_KEYS = generate();

    private Jwts() {
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    static String token(String subject, String scope) {
        return sign(KEYS, subject, scope, Instant.now().plusSeconds(600));
    }

    static String expiredToken(String subject) {
        return sign(KEYS, subject, "read", Instant.now().minusSeconds(600));
    }

    static String forgedToken(String subject) {
        return sign(OTHER_KEYS, subject, "read", Instant.now().plusSeconds(600));
    }

    private static String sign(KeyPair keys, String subject, String scope, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
            .claim("scope", scope)
            .issueTime(Date.from(expires.minusSeconds(1200)))
            .expirationTime(Date.from(expires))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
