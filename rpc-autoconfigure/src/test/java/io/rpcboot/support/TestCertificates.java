package io.rpcboot.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates that tests make for themselves, written as PEM files for
 * {@code spring.ssl.bundle.pem.*}: a certificate authority, and certificates it signs for
 * a server (naming {@code localhost} and {@code 127.0.0.1}) and for clients. Each
 * certificate has its own serial number, so a test can tell which one a peer presented.
 */
public final class TestCertificates {

    private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

    private final String name;

    private final KeyPair keys;

    private final X509Certificate certificate;

    private TestCertificates(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /**
     * Makes a certificate authority.
     * @param name its common name
     * @return the authority
     */
    public static TestCertificates authority(String name) {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        return new TestCertificates(name, keys, sign(subject, keys, subject, keys, true, null));
    }

    /**
     * Makes a server certificate signed by this authority, valid for {@code localhost}
     * and {@code 127.0.0.1}.
     * @param name its common name
     * @return the certificate and its key
     */
    public TestCertificates server(String name) {
        return issue(name, new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
    }

    /**
     * Makes a server certificate signed by this authority that names another host.
     * @param name its common name
     * @param host the only host it names
     * @return the certificate and its key
     */
    public TestCertificates server(String name, String host) {
        return issue(name, new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
    }

    /**
     * Makes a client certificate signed by this authority.
     * @param name its common name
     * @return the certificate and its key
     */
    public TestCertificates client(String name) {
        return issue(name, null);
    }

    /**
     * Returns the certificate.
     * @return the X.509 certificate
     */
    public X509Certificate certificate() {
        return this.certificate;
    }

    /**
     * Returns the certificate's serial number.
     * @return the serial number
     */
    public BigInteger serial() {
        return this.certificate.getSerialNumber();
    }

    /**
     * Writes the certificate to {@code
     *
    <dir>
     * /<file>.crt} and its key to {@code
     *
    <dir>
     * /<file>.key}, replacing the files atomically, so that a watcher never reads half a
     * file.
     * @param directory the directory
     * @param file the file names' stem
     * @return the directory
     */
    public Path write(Path directory, String file) {
        writeAtomically(directory.resolve(file + ".crt"), pem(this.certificate));
        writeAtomically(directory.resolve(file + ".key"), pem(pkcs8(this.keys)));
        return directory;
    }

    /**
     * Writes the certificate only, to {@code
     *
    <dir>
     * /<file>.crt}: a trust anchor.
     * @param directory the directory
     * @param file the file name's stem
     * @return the directory
     */
    public Path writeCertificate(Path directory, String file) {
        writeAtomically(directory.resolve(file + ".crt"), pem(this.certificate));
        return directory;
    }

    private TestCertificates issue(String name, GeneralNames names) {
        KeyPair keys = keyPair();
        return new TestCertificates(name, keys,
                sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + this.name), this.keys, false, names));
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean authority, GeneralNames names) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            }
            if (names != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, names);
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not make a test certificate for " + subject, ex);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Object pkcs8(KeyPair keys) {
        try {
            return new JcaPKCS8Generator(keys.getPrivate(), null);
        }
        catch (PemGenerationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return text.toString();
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
