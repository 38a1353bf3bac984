package io.rpcboot.benchmarks;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the TLS variants, the same for every stack: a CA and a server
 * certificate it signs for {@code 127.0.0.1} (EC P-256, as a current deployment would
 * choose), written as PEM by the server JVM before it starts and read by the load JVM.
 */
public final class BenchCertificates {

    private static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "rpcboot-bench-tls");

    private BenchCertificates() {
    }

    /**
     * Returns the CA's certificate file, which callers trust.
     * @return the PEM file
     */
    public static Path authority() {
        return DIRECTORY.resolve("ca.crt");
    }

    /**
     * Returns the server's certificate file.
     * @return the PEM file
     */
    public static Path serverCertificate() {
        return DIRECTORY.resolve("server.crt");
    }

    /**
     * Returns the server's private key file (PKCS#8).
     * @return the PEM file
     */
    public static Path serverKey() {
        return DIRECTORY.resolve("server.key");
    }

    /**
     * Makes a new CA and server certificate and writes them, replacing earlier ones.
     */
    public static synchronized void write() {
        try {
            Files.createDirectories(DIRECTORY);
            KeyPair caKeys = keyPair();
            X500Name ca = new X500Name("CN=rpcboot benchmark CA");
            KeyPair serverKeys = keyPair();
            Files.writeString(authority(), pem(sign(ca, caKeys, ca, caKeys, true)));
            Files.writeString(serverCertificate(),
                    pem(sign(new X500Name("CN=127.0.0.1"), serverKeys, ca, caKeys, false)));
            Files.writeString(serverKey(), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not make the benchmark's certificates", ex);
        }
    }

    private static Object sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean authority) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(7))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        if (!authority) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return builder.build(signer);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

}
