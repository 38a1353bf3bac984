package io.rpcboot.support;

import java.nio.file.Path;

/**
 * A directory of PEM files made by {@link TestCertificates}, and the
 * {@code spring.ssl.bundle.pem.*} properties that read them.
 */
public final class TlsFiles {

    private final Path directory;

    /**
     * Uses a directory.
     * @param directory where the files are
     */
    public TlsFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * Returns the directory.
     * @return the directory
     */
    public Path directory() {
        return this.directory;
    }

    /**
     * Returns the properties of a bundle that presents {@code <key>.crt} with its key and
     * trusts {@code <trust>.crt}.
     * @param bundle the bundle's name
     * @param key the stem of the certificate and key files, {@code null} for none
     * @param trust the stem of the trusted certificate's file, {@code null} for the JDK's
     * @return {@code key=value} properties
     */
    public String[] bundle(String bundle, String key, String trust) {
        String prefix = "spring.ssl.bundle.pem." + bundle;
        java.util.List<String> properties = new java.util.ArrayList<>();
        if (key != null) {
            properties.add(prefix + ".keystore.certificate=" + file(key + ".crt"));
            properties.add(prefix + ".keystore.private-key=" + file(key + ".key"));
        }
        if (trust != null) {
            properties.add(prefix + ".truststore.certificate=" + file(trust + ".crt"));
        }
        return properties.toArray(String[]::new);
    }

    private String file(String name) {
        return "file:" + this.directory.resolve(name).toAbsolutePath();
    }

}
